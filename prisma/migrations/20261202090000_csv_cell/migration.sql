-- One CSV cell, exactly as lib/csv's csvCell writes a string, so that CSV exports can stream from
-- COPY: a value starting with = + - @ tab or CR (run as a formula by spreadsheets) gets a leading
-- apostrophe; the cell is quoted, inner quotes doubled, when it holds a quote, comma, CR or LF, or
-- when JavaScript's trim() would change it (leading or trailing whitespace; a leading tab or CR has
-- the apostrophe before it by then). NULL is the empty cell.
-- A single SQL expression, so PostgreSQL inlines it into the query instead of calling a function
-- per cell (keep it one SELECT, not STRICT, not plpgsql).
CREATE OR REPLACE FUNCTION csv_cell(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN value IS NULL THEN ''
    WHEN value ~ '[",\r\n]|[\t\v\f \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]$|^[\v\f \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]'
      THEN '"' || replace(CASE WHEN value ~ '^[=+\-@\t\r]' THEN '''' || value ELSE value END, '"', '""') || '"'
    WHEN value ~ '^[=+\-@\t\r]' THEN '''' || value
    ELSE value
  END
$$;
