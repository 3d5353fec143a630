/**
 * Field mapping: a ticket field's label (e.g. `'Title'`, `'Queue'`) mapped to
 * its content, text that may contain `[tokens]`.
 */
export type FieldMappings = Readonly<Record<string, string>>;

/** A reason a mapping cannot make a ticket, tied to the field it concerns. */
export type FieldProblem = {
  /** Label of the field, e.g. `'Ticket Type'`. */
  field: string;
  /**
   * Explanation of the fault and the fix, shown after `field: `, so it does
   * not repeat the label.
   */
  message: string;
};
