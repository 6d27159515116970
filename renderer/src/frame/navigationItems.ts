// The screens the rail offers, in UX.md's order. Screens that do not work yet are not listed.
import type { LucideIcon } from 'lucide-react';
import { ArrowLeftRight, Barcode, Boxes, ClipboardCheck, Factory, FileArchive, FlaskConical, LayoutDashboard, ScanBarcode, ScanLine, ShieldCheck, Siren, Tag, Truck, UsersRound, Waypoints } from 'lucide-react';
import type { Role } from '../../../common/api/users';
import type { Route, ScreenName } from '../app/routes';

export interface NavigationItem {
  label: string;
  icon: LucideIcon;
  to: Route;
  /** Screens that light up this item (a detail page lights its list). */
  screens: readonly ScreenName[];
  /** Shown only to these roles (the api refuses everyone else anyway). */
  roles?: readonly Role[];
}

export const navigationItems: readonly NavigationItem[] = [
  { label: 'Dashboard', icon: LayoutDashboard, to: { screen: 'dashboard' }, screens: ['dashboard'] },
  { label: 'Trace', icon: Waypoints, to: { screen: 'trace', direction: 'forward' }, screens: ['trace'] },
  { label: 'Lots & serials', icon: Boxes, to: { screen: 'units' }, screens: ['units', 'unit'] },
  { label: 'Stations', icon: ScanLine, to: { screen: 'station', station: 'receiving' }, screens: ['station'] },
  { label: 'Production', icon: Factory, to: { screen: 'production' }, screens: ['production', 'workOrder'] },
  { label: 'Labels', icon: Tag, to: { screen: 'labels' }, screens: ['labels'] },
  { label: 'Shipping', icon: Truck, to: { screen: 'shipping' }, screens: ['shipping', 'shipment'] },
  { label: 'Quality', icon: FlaskConical, to: { screen: 'quality' }, screens: ['quality'] },
  { label: 'Review', icon: ClipboardCheck, to: { screen: 'review' }, screens: ['review', 'record'], roles: ['qa'] },
  { label: 'Recalls', icon: Siren, to: { screen: 'recalls' }, screens: ['recalls', 'recall'] },
  { label: 'Exchange', icon: ArrowLeftRight, to: { screen: 'exchange' }, screens: ['exchange'] },
  { label: 'Decode', icon: Barcode, to: { screen: 'decode' }, screens: ['decode'] },
  { label: 'Audit', icon: ShieldCheck, to: { screen: 'audit' }, screens: ['audit'] },
  { label: 'Audit packages', icon: FileArchive, to: { screen: 'packages' }, screens: ['packages'], roles: ['qa', 'admin'] },
  { label: 'Devices', icon: ScanBarcode, to: { screen: 'devices' }, screens: ['devices'] },
  { label: 'Users', icon: UsersRound, to: { screen: 'users' }, screens: ['users'], roles: ['admin'] },
];
