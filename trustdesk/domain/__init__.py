"""Pure rules of the trade: enums, grading and coverage rules. No I/O, no project imports."""
