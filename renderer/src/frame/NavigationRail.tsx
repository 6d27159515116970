import { UnstyledButton } from '@mantine/core';
import { linkProps, useNavigation } from '../app/navigation';
import { useAuth } from '../auth/authStore';
import { navigationItems } from './navigationItems';
import classes from './NavigationRail.module.css';

export function NavigationRail() {
  const screen = useNavigation((state) => state.route.screen);
  const roles = useAuth((state) => state.user?.roles ?? []);
  const items = navigationItems.filter((item) => item.roles === undefined || item.roles.some((r) => roles.includes(r)));
  return (
    <nav className={classes.rail} aria-label="Screens">
      <div className={classes.brand} aria-label="Lotline">
        <span className={classes.mark}>L</span>
        <span className={classes.brandName}>Lotline</span>
      </div>
      {items.map((item) => {
        const active = item.screens.includes(screen);
        const Icon = item.icon;
        return (
          <UnstyledButton
            key={item.label}
            component="a"
            {...linkProps(item.to)}
            className={classes.item}
            data-active={active || undefined}
            aria-current={active ? 'page' : undefined}
          >
            <Icon aria-hidden size={22} strokeWidth={2} />
            <span className={classes.label}>{item.label}</span>
          </UnstyledButton>
        );
      })}
    </nav>
  );
}
