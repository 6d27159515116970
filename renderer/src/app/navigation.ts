// The current route, kept in step with the URL hash (so back/forward and reloads work).
import type { MouseEvent } from 'react';
import { create } from 'zustand';
import type { Route } from './routes';
import { hashToRoute, routeToHash } from './routes';

interface NavigationState {
  route: Route;
  navigate: (route: Route, options?: { replace?: boolean }) => void;
}

export const useNavigation = create<NavigationState>()(() => ({
  route: hashToRoute(window.location.hash),
  navigate: (route, options) => {
    const hash = routeToHash(route);
    if (options?.replace) window.history.replaceState(window.history.state, '', hash);
    else if (window.location.hash !== hash) window.history.pushState(window.history.state, '', hash);
    useNavigation.setState({ route });
  },
}));

window.addEventListener('hashchange', () => useNavigation.setState({ route: hashToRoute(window.location.hash) }));
window.addEventListener('popstate', () => useNavigation.setState({ route: hashToRoute(window.location.hash) }));

/** Navigate from outside React (keyboard shortcuts, search results). */
export const navigate = (route: Route, options?: { replace?: boolean }): void => useNavigation.getState().navigate(route, options);

/**
 * Props that make any anchor-like element a link to a screen: a real href (middle-click, copy address)
 * and in-app navigation on a plain click.
 */
export function linkProps(to: Route): { href: string; onClick: (event: MouseEvent) => void } {
  return {
    href: routeToHash(to),
    onClick: (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(to);
    },
  };
}
