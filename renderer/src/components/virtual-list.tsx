import { Box, Center, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type Key, type ReactNode } from 'react';

export type VirtualListProps<T> = {
  readonly items: readonly T[];
  /** Accessible name of the list. */
  readonly label: string;
  /** Height of the scrolling box, as a CSS length. */
  readonly height: string;
  /** Expected row height in pixels; rows are measured once rendered. */
  readonly estimateSize: number;
  readonly getKey: (item: T) => Key;
  readonly renderItem: (item: T) => ReactNode;
  readonly empty: ReactNode;
};

/**
 * Renders a scrolling list that renders only the rows in view, so lists of 10,000
 * names stay responsive. The box is focusable, so arrow keys scroll it.
 */
export function VirtualList<T>(props: VirtualListProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: props.items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => props.estimateSize,
    getItemKey: index => {
      const item = props.items[index];
      return item === undefined ? index : props.getKey(item);
    },
    overscan: 6,
  });

  return (
    <Box
      ref={scrollRef}
      tabIndex={0}
      role="region"
      aria-label={props.label}
      h={props.height}
      style={{
        overflowY: 'auto',
        overflowX: 'hidden',
        border: '1px solid var(--mantine-color-default-border)',
        borderRadius: 'var(--mantine-radius-sm)',
      }}
    >
      {props.items.length === 0 ? (
        <Center h="100%" p="md">
          <Text c="dimmed" size="sm" ta="center">
            {props.empty}
          </Text>
        </Center>
      ) : (
        <div
          role="list"
          style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
        >
          {virtualizer.getVirtualItems().map(row => {
            const item = props.items[row.index];
            if (item === undefined) return null;
            return (
              <div
                key={row.key}
                role="listitem"
                data-index={row.index}
                ref={virtualizer.measureElement}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  width: '100%',
                  transform: `translateY(${row.start}px)`,
                  borderBottom: '1px solid var(--mantine-color-default-border)',
                }}
              >
                {props.renderItem(item)}
              </div>
            );
          })}
        </div>
      )}
    </Box>
  );
}
