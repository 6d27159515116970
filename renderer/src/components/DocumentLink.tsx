import { Text } from '@mantine/core';
import type { DocumentRef } from '../format/documents';
import { documentLabel, routeForDocument } from '../format/documents';
import { RouteLink } from './RouteLink';

/** A work order, shipment or receipt named by an event; a link when Lotline has a screen for it. */
export function DocumentLink({ document }: { document: DocumentRef | null }) {
  if (!document) return <span>—</span>;
  const route = routeForDocument(document);
  if (!route)
    return (
      <Text span size="sm">
        {documentLabel(document)}
      </Text>
    );
  return (
    <RouteLink to={route} size="sm" fw={600}>
      {documentLabel(document)}
    </RouteLink>
  );
}
