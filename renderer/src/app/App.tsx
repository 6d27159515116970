import { NavigationRail } from '../frame/NavigationRail';
import { StatusBar } from '../frame/StatusBar';
import { TopBar } from '../frame/TopBar';
import { useDeviceFeed } from '../frame/deviceState';
import { CurrentScreen } from './CurrentScreen';
import classes from './App.module.css';

export function App() {
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
