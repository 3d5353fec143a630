import { Box, Center, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';

import {
  DeliveryCells,
  LEDGER_HEADERS,
  ROW_HEIGHT,
  rowStyle,
} from './delivery-row';
import type { DeliveryPages } from './use-delivery-pages';

/** Height of the table; fits a 700-pixel window under the filters. */
const TABLE_HEIGHT = 'max(240px, calc(100dvh - 300px))';

function HeaderRow() {
  return (
    <div
      role="row"
      style={{
        ...rowStyle,
        position: 'sticky',
        top: 0,
        zIndex: 1,
        height: 32,
        background: 'var(--mantine-color-body)',
        borderBottom: '1px solid var(--mantine-color-default-border)',
      }}
    >
      {LEDGER_HEADERS.map(header => (
        <Text key={header} role="columnheader" size="xs" fw={700} truncate>
          {header}
        </Text>
      ))}
    </div>
  );
}

/**
 * Renders the ledger as a virtualized table: only rows in view are rendered and
 * their pages fetched, so 100,000 rows scroll smoothly.
 */
export function DeliveryTable({ ledger }: { readonly ledger: DeliveryPages }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = ledger.total ?? 0;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const { ensureRange } = ledger;
  useEffect(() => ensureRange(first, last), [first, last, ensureRange]);

  return (
    <Box
      ref={scrollRef}
      role="table"
      aria-label="Delivery ledger"
      aria-rowcount={count + 1}
      tabIndex={0}
      h={TABLE_HEIGHT}
      style={{
        overflowY: 'auto',
        overflowX: 'hidden',
        border: '1px solid var(--mantine-color-default-border)',
        borderRadius: 'var(--mantine-radius-sm)',
      }}
    >
      <HeaderRow />
      {ledger.total === 0 ? (
        <Center p="xl">
          <Text c="dimmed" size="sm">
            No deliveries match these filters.
          </Text>
        </Center>
      ) : null}
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map(item => {
          const row = ledger.rowAt(item.index);
          return (
            <div
              key={item.key}
              role="row"
              aria-rowindex={item.index + 2}
              style={{
                ...rowStyle,
                position: 'absolute',
                top: 0,
                left: 0,
                width: '100%',
                height: ROW_HEIGHT,
                transform: `translateY(${item.start}px)`,
                borderBottom: '1px solid var(--mantine-color-default-border)',
              }}
            >
              {row === undefined ? (
                <Text role="cell" size="sm" c="dimmed">
                  Loading…
                </Text>
              ) : (
                <DeliveryCells row={row} />
              )}
            </div>
          );
        })}
      </div>
    </Box>
  );
}
