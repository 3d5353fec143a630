import { Alert, List } from '@mantine/core';

import type { ParsedValidation } from './validation-problems';

/** Renders every problem of the last rejected save, one per line. */
export function ValidationAlert({
  validation,
}: {
  readonly validation: ParsedValidation | null;
}) {
  if (validation === null) return null;
  return (
    <Alert
      color="red"
      variant="light"
      role="alert"
      title={
        validation.summary === ''
          ? 'The integration was not saved'
          : validation.summary
      }
    >
      <List size="sm">
        {validation.problems.map((problem, index) => (
          <List.Item key={index}>
            {problem.field === null ? (
              problem.message
            ) : (
              <>
                <strong>{problem.field}</strong>: {problem.message}
              </>
            )}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
