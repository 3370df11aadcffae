-- 003-finding-args.sql - version 2 -> 3: a finding keeps its figures (the
-- "args" of docs/MODEL.md: named numbers and words, which the PDF report
-- words in Thai) as one JSON object of strings; NULL when it has none.
-- Findings stored before keep NULL: the report words them from the message.

ALTER TABLE findings ADD COLUMN args TEXT;
