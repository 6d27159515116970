// Links and link-buttons to screens.
import type { ReactNode } from 'react';
import { Anchor, Button } from '@mantine/core';
import type { AnchorProps, ButtonProps } from '@mantine/core';
import type { Route } from '../app/routes';
import { linkProps } from '../app/navigation';

export interface RouteLinkProps extends AnchorProps {
  to: Route;
  children: ReactNode;
  title?: string;
  'data-testid'?: string;
}

export function RouteLink({ to, children, ...rest }: RouteLinkProps) {
  return (
    <Anchor {...linkProps(to)} {...rest}>
      {children}
    </Anchor>
  );
}

export interface RouteButtonProps extends ButtonProps {
  to: Route;
  children: ReactNode;
  'data-testid'?: string;
}

/** A button that opens a screen (an anchor underneath, so it can be opened elsewhere too). */
export function RouteButton({ to, children, ...rest }: RouteButtonProps) {
  return (
    <Button component="a" {...linkProps(to)} {...rest}>
      {children}
    </Button>
  );
}
