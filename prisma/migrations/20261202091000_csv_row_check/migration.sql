-- Whether any cell of a row needs csv_cell's care: `cells` is the row's text values joined by
-- E'\x01' (NULL as empty). True when a value holds a quote, comma, CR or LF, starts with a formula
-- character (= + - @ tab CR) or whitespace, or ends with whitespace, as csv_cell judges them; a
-- value holding \x01 itself can only make it true where it need not be, which costs time, not
-- bytes. One regular expression over the whole row is about four times cheaper than csv_cell on
-- each of its cells, and most rows need no care: CSV exports write those by plain concatenation.
CREATE OR REPLACE FUNCTION csv_cells_need_care(cells text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT cells ~ '[",\r\n]|(^|\x01)[=+\-@\t\v\f \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]|[\t\v\f \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff](\x01|$)'
$$;
