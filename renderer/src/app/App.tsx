import { NavigationRail } from '../frame/NavigationRail';
import { StatusBar } from '../frame/StatusBar';
import { TopBar } from '../frame/TopBar';
import { CurrentScreen } from './CurrentScreen';
import classes from './App.module.css';

export function App() {
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
