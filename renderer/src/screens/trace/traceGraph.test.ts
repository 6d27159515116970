import { describe, expect, it } from 'vitest';
import { AGGREGATE_ABOVE, buildTraceGraph, unitNodeId } from './traceGraph';
import type { GroupGraphNode } from './traceGraph';
import { forwardTrace } from './traceFixture';

describe('buildTraceGraph', () => {
  it('draws every unit, shipment and customer of a small trace, edges input → output', () => {
    const graph = buildTraceGraph(forwardTrace(6));
    expect(graph.aggregated).toBe(false);
    expect(graph.nodes.filter((n) => n.kind === 'unit')).toHaveLength(8);
    expect(graph.nodes.filter((n) => n.kind === 'shipment')).toHaveLength(6);
    expect(graph.nodes.filter((n) => n.kind === 'customer')).toHaveLength(2);
    expect(graph.nodes.find((n) => n.kind === 'unit' && n.focal)?.id).toBe(unitNodeId(1));
    expect(graph.edges).toContainEqual(expect.objectContaining({ source: unitNodeId(1), target: unitNodeId(2), label: 'WO-1' }));
    expect(graph.edges).toContainEqual(expect.objectContaining({ source: unitNodeId(100), target: 'shipment:SH-0', label: 'SH-0' }));
    expect(graph.edges).toContainEqual(expect.objectContaining({ source: 'shipment:SH-0', target: 'customer:ACME' }));
  });

  it('folds the serials of one item at one level into one node when the trace is large', () => {
    const graph = buildTraceGraph(forwardTrace(AGGREGATE_ABOVE + 10));
    expect(graph.aggregated).toBe(true);
    const group = graph.nodes.find((n): n is GroupGraphNode => n.kind === 'group');
    expect(group).toMatchObject({ item: 'PUMP-PX2', unitType: 'serial', depth: 2 });
    expect(group?.units).toHaveLength(AGGREGATE_ABOVE + 10);
    expect(group?.statusCounts).toEqual({ shipped: AGGREGATE_ABOVE + 10 });
    // One drawn edge stands for all the housing → pump edges, and keeps both work orders.
    const intoGroup = graph.edges.filter((e) => e.target === group?.id);
    expect(intoGroup).toHaveLength(1);
    expect(intoGroup[0]).toMatchObject({ count: AGGREGATE_ABOVE + 10, label: 'WO-2 +1' });
    // Shipments fold per customer; the focal unit never folds.
    expect(graph.nodes.filter((n) => n.kind === 'shipmentGroup')).toHaveLength(2);
    expect(graph.nodes.some((n) => n.kind === 'unit' && n.focal)).toBe(true);
    expect(graph.nodes.length).toBeLessThan(10);
  });

  it('draws the members of a group one by one once it is expanded', () => {
    const trace = forwardTrace(AGGREGATE_ABOVE + 10);
    const folded = buildTraceGraph(trace);
    const group = folded.nodes.find((n) => n.kind === 'group')!;
    const open = buildTraceGraph(trace, { expanded: new Set([group.id]) });
    expect(open.nodes.filter((n) => n.kind === 'unit')).toHaveLength(AGGREGATE_ABOVE + 12);
    expect(open.nodes.some((n) => n.id === group.id)).toBe(false);
  });
});
