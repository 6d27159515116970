import { useEffect } from 'react';
import { NavigationRail } from '../frame/NavigationRail';
import { StatusBar } from '../frame/StatusBar';
import { TopBar } from '../frame/TopBar';
import { useDeviceFeed } from '../frame/deviceState';
import { useAuth } from '../auth/authStore';
import { SignInScreen } from '../auth/SignInScreen';
import { useIdleLogout } from '../auth/useIdleLogout';
import { CurrentScreen } from './CurrentScreen';
import classes from './App.module.css';

/** Nothing but the sign-in screen until someone is signed in; the api refuses every other command anyway. */
export function App() {
  const phase = useAuth((s) => s.phase);
  useEffect(() => {
    void useAuth.getState().check();
  }, []);
  useIdleLogout();
  return phase === 'signed-in' ? <SignedInApp /> : <SignInScreen />;
}

function SignedInApp() {
  useDeviceFeed();
  return (
    <div className={classes.frame}>
      <NavigationRail />
      <TopBar />
      <main className={classes.main} id="main">
        <CurrentScreen />
      </main>
      <StatusBar />
    </div>
  );
}
