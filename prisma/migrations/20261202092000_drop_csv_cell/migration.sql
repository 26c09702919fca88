-- The organisations CSV no longer builds its lines in SQL: CsvCopyWriter (lib/csv) writes them from
-- a binary COPY of the plain columns, with csvCell itself for the cells that need care. The two
-- functions that reproduced csvCell in SQL have no caller left.
DROP FUNCTION IF EXISTS csv_cells_need_care(text);
DROP FUNCTION IF EXISTS csv_cell(text);
