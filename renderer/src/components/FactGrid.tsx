// Label/value pairs in a grid: the facts at the top of a detail page.
import type { ReactNode } from 'react';
import { SimpleGrid, Text } from '@mantine/core';

export interface Fact {
  label: string;
  value: ReactNode;
}

export function FactGrid({ facts, cols = 4 }: { facts: readonly Fact[]; cols?: number }) {
  return (
    <SimpleGrid cols={{ base: Math.min(cols, 3), lg: cols }} spacing="md" verticalSpacing="sm" component="dl" m={0}>
      {facts.map((fact) => (
        <div key={fact.label}>
          <Text component="dt" size="xs" fw={700} c="dimmed" tt="uppercase" lts={0.3}>
            {fact.label}
          </Text>
          <Text component="dd" m={0} size="md" fw={500}>
            {fact.value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}
