// Schema migrations, applied in order inside one transaction each. Append only: never edit a shipped one.
// 11 on are in ./migrations-judge.ts, 13 on in ./migrations-batch.ts.
import { BATCH_MIGRATIONS } from "./migrations-batch.js";
import { JUDGE_MIGRATIONS } from "./migrations-judge.js";

export const MIGRATIONS: string[] = [
  `
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    suite TEXT NOT NULL,
    created_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'interrupted')),
    config_file TEXT,
    hashes TEXT NOT NULL,
    models TEXT NOT NULL,
    fields TEXT NOT NULL,
    scoring TEXT NOT NULL,
    repeat INTEGER NOT NULL,
    skipped TEXT NOT NULL DEFAULT '[]'
  );
  CREATE TABLE cases (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    case_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    transcript TEXT NOT NULL,
    gold TEXT,
    meta TEXT NOT NULL,
    PRIMARY KEY (run_id, case_id)
  );
  CREATE TABLE calls (
    id INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    case_id TEXT NOT NULL,
    model_id TEXT NOT NULL,
    rep INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ok', 'error')),
    error_kind TEXT,
    error_message TEXT,
    text TEXT,
    raw TEXT,
    input_tokens INTEGER NOT NULL DEFAULT 0,
    output_tokens INTEGER NOT NULL DEFAULT 0,
    cached_input_tokens INTEGER NOT NULL DEFAULT 0,
    cost_usd REAL,
    latency_ms REAL NOT NULL,
    attempts INTEGER NOT NULL,
    from_cache INTEGER NOT NULL DEFAULT 0,
    finished_at TEXT NOT NULL,
    UNIQUE (run_id, case_id, model_id, rep)
  );
  CREATE TABLE outputs (
    call_id INTEGER PRIMARY KEY REFERENCES calls(id) ON DELETE CASCADE,
    valid INTEGER NOT NULL,
    reason TEXT,
    value TEXT,
    issues TEXT NOT NULL
  );
  CREATE TABLE scores (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    case_id TEXT NOT NULL,
    model_id TEXT NOT NULL,
    rep INTEGER NOT NULL,
    field TEXT NOT NULL,
    correct INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    gold TEXT NOT NULL,
    predicted TEXT NOT NULL,
    PRIMARY KEY (run_id, model_id, field, case_id, rep)
  );
  CREATE TABLE agreement (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    case_id TEXT NOT NULL,
    field TEXT NOT NULL,
    agreed INTEGER NOT NULL,
    PRIMARY KEY (run_id, field, case_id)
  );
  CREATE TABLE review_items (
    id INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    case_id TEXT NOT NULL,
    field TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('disagreement', 'invalid', 'free-text')),
    model_values TEXT NOT NULL,
    priority REAL NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued',
    UNIQUE (run_id, case_id, field)
  );
  CREATE INDEX review_items_queue ON review_items (run_id, status, priority DESC);
  CREATE TABLE grades (
    id INTEGER PRIMARY KEY,
    review_item_id INTEGER NOT NULL REFERENCES review_items(id) ON DELETE CASCADE,
    reviewer TEXT NOT NULL,
    verdict TEXT NOT NULL,
    value TEXT,
    note TEXT,
    created_at TEXT NOT NULL
  );
  CREATE TABLE cache (
    key TEXT PRIMARY KEY,
    model TEXT NOT NULL,
    text TEXT NOT NULL,
    usage TEXT NOT NULL,
    finish_reason TEXT,
    latency_ms REAL NOT NULL,
    created_at TEXT NOT NULL
  );
  `,
  // 2: human review. No release wrote grades before this, so the placeholder table is replaced.
  `
  ALTER TABLE runs ADD COLUMN knowledge_base TEXT NOT NULL DEFAULT '';
  ALTER TABLE runs ADD COLUMN review_settings TEXT NOT NULL DEFAULT '{}';
  DROP TABLE grades;
  CREATE TABLE grades (
    id INTEGER PRIMARY KEY,
    review_item_id INTEGER NOT NULL REFERENCES review_items(id) ON DELETE CASCADE,
    reviewer TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('pick', 'edit', 'none', 'gold', 'rating')),
    value TEXT,
    model_id TEXT,
    ratings TEXT,
    previous_gold TEXT,
    created_at TEXT NOT NULL,
    undone_at TEXT
  );
  CREATE INDEX grades_by_item ON grades (review_item_id, undone_at);
  CREATE INDEX grades_by_reviewer ON grades (reviewer, created_at);
  CREATE TABLE review_notes (
    id INTEGER PRIMARY KEY,
    review_item_id INTEGER NOT NULL REFERENCES review_items(id) ON DELETE CASCADE,
    reviewer TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE review_leases (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    case_id TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (run_id, case_id)
  );
  `,
  // 3: a re-grade points at the grade it replaced, so undoing it brings that grade back.
  `
  ALTER TABLE grades ADD COLUMN replaces INTEGER REFERENCES grades(id);
  `,
  // 4: the voice stage. A case's audio file, and each recogniser's transcript of it with its error counts
  // against the reference transcript (words, then characters).
  `
  ALTER TABLE cases ADD COLUMN audio TEXT;
  ALTER TABLE runs ADD COLUMN recognisers TEXT NOT NULL DEFAULT '[]';
  CREATE TABLE transcripts (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    case_id TEXT NOT NULL,
    recogniser TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ok', 'error')),
    error_kind TEXT,
    error_message TEXT,
    text TEXT,
    latency_ms REAL NOT NULL,
    attempts INTEGER NOT NULL,
    from_cache INTEGER NOT NULL DEFAULT 0,
    words TEXT,
    chars TEXT,
    finished_at TEXT NOT NULL,
    PRIMARY KEY (run_id, recogniser, case_id)
  );
  `,
  // 5: cases are read a page at a time by their position in the dataset (the runner, scoring, reports).
  `
  CREATE UNIQUE INDEX cases_by_position ON cases (run_id, idx);
  `,
  // 6: a run's revision counts every change to what scoring reads (calls, outputs, grades), so a re-scoring of
  // a run nothing touched since its last one can be skipped. Triggers, so no writer can forget to count.
  `
  ALTER TABLE runs ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE runs ADD COLUMN scored TEXT;
  CREATE TRIGGER calls_inserted AFTER INSERT ON calls
    BEGIN UPDATE runs SET revision = revision + 1 WHERE id = NEW.run_id; END;
  CREATE TRIGGER calls_updated AFTER UPDATE ON calls
    BEGIN UPDATE runs SET revision = revision + 1 WHERE id IN (OLD.run_id, NEW.run_id); END;
  CREATE TRIGGER calls_deleted AFTER DELETE ON calls
    BEGIN UPDATE runs SET revision = revision + 1 WHERE id = OLD.run_id; END;
  CREATE TRIGGER outputs_inserted AFTER INSERT ON outputs
    BEGIN UPDATE runs SET revision = revision + 1 WHERE id = (SELECT run_id FROM calls WHERE id = NEW.call_id); END;
  CREATE TRIGGER outputs_updated AFTER UPDATE ON outputs
    BEGIN UPDATE runs SET revision = revision + 1 WHERE id = (SELECT run_id FROM calls WHERE id = NEW.call_id); END;
  CREATE TRIGGER grades_inserted AFTER INSERT ON grades
    BEGIN UPDATE runs SET revision = revision + 1
      WHERE id = (SELECT run_id FROM review_items WHERE id = NEW.review_item_id); END;
  CREATE TRIGGER grades_updated AFTER UPDATE ON grades
    BEGIN UPDATE runs SET revision = revision + 1
      WHERE id = (SELECT run_id FROM review_items WHERE id = NEW.review_item_id); END;
  CREATE TRIGGER grades_deleted AFTER DELETE ON grades
    BEGIN UPDATE runs SET revision = revision + 1
      WHERE id = (SELECT run_id FROM review_items WHERE id = OLD.review_item_id); END;
  `,
  // 7: review items for values a field's matcher cannot read (reason 'unreadable'). SQLite cannot change a CHECK
  // and this build cannot edit the schema text, so review_items is rebuilt, and with it the two tables whose
  // foreign keys point at it (a rename carries those keys along; dropping the old table would cascade).
  `
  ALTER TABLE review_notes RENAME TO review_notes_6;
  ALTER TABLE grades RENAME TO grades_6;
  ALTER TABLE review_items RENAME TO review_items_6;
  DROP INDEX review_items_queue;
  DROP INDEX grades_by_item;
  DROP INDEX grades_by_reviewer;
  DROP TRIGGER grades_inserted;
  DROP TRIGGER grades_updated;
  DROP TRIGGER grades_deleted;
  CREATE TABLE review_items (
    id INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    case_id TEXT NOT NULL,
    field TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('disagreement', 'invalid', 'free-text', 'unreadable')),
    model_values TEXT NOT NULL,
    priority REAL NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued',
    UNIQUE (run_id, case_id, field)
  );
  CREATE TABLE grades (
    id INTEGER PRIMARY KEY,
    review_item_id INTEGER NOT NULL REFERENCES review_items(id) ON DELETE CASCADE,
    reviewer TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('pick', 'edit', 'none', 'gold', 'rating')),
    value TEXT,
    model_id TEXT,
    ratings TEXT,
    previous_gold TEXT,
    created_at TEXT NOT NULL,
    undone_at TEXT,
    replaces INTEGER REFERENCES grades(id)
  );
  CREATE TABLE review_notes (
    id INTEGER PRIMARY KEY,
    review_item_id INTEGER NOT NULL REFERENCES review_items(id) ON DELETE CASCADE,
    reviewer TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  INSERT INTO review_items (id, run_id, case_id, field, reason, model_values, priority, status)
    SELECT id, run_id, case_id, field, reason, model_values, priority, status FROM review_items_6;
  INSERT INTO grades (id, review_item_id, reviewer, verdict, value, model_id, ratings, previous_gold, created_at,
      undone_at, replaces)
    SELECT id, review_item_id, reviewer, verdict, value, model_id, ratings, previous_gold, created_at, undone_at,
      replaces FROM grades_6;
  INSERT INTO review_notes (id, review_item_id, reviewer, text, created_at)
    SELECT id, review_item_id, reviewer, text, created_at FROM review_notes_6;
  DROP TABLE review_notes_6;
  DROP TABLE grades_6;
  DROP TABLE review_items_6;
  CREATE INDEX review_items_queue ON review_items (run_id, status, priority DESC);
  CREATE INDEX grades_by_item ON grades (review_item_id, undone_at);
  CREATE INDEX grades_by_reviewer ON grades (reviewer, created_at);
  CREATE TRIGGER grades_inserted AFTER INSERT ON grades
    BEGIN UPDATE runs SET revision = revision + 1
      WHERE id = (SELECT run_id FROM review_items WHERE id = NEW.review_item_id); END;
  CREATE TRIGGER grades_updated AFTER UPDATE ON grades
    BEGIN UPDATE runs SET revision = revision + 1
      WHERE id = (SELECT run_id FROM review_items WHERE id = NEW.review_item_id); END;
  CREATE TRIGGER grades_deleted AFTER DELETE ON grades
    BEGIN UPDATE runs SET revision = revision + 1
      WHERE id = (SELECT run_id FROM review_items WHERE id = OLD.review_item_id); END;
  `,
  // 8: each run's outcomes counted per model, field and kind, kept beside its scores. Every summary reads
  // them, and a report's history reads them for up to 30 earlier runs: counting those runs' scores again on
  // every report grew with the store (30 ms for five runs of 6,000 calls in npm run bench).
  `
  CREATE TABLE outcome_counts (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    model_id TEXT NOT NULL,
    field TEXT NOT NULL,
    outcome TEXT NOT NULL,
    correct INTEGER NOT NULL,
    gold_none INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (run_id, model_id, field, outcome, correct, gold_none)
  ) WITHOUT ROWID;
  INSERT INTO outcome_counts (run_id, model_id, field, outcome, correct, gold_none, n)
    SELECT run_id, model_id, field, outcome, correct,
      CASE WHEN outcome = 'invalid' THEN COALESCE(json_extract(gold, '$.kind') = 'none', 0) ELSE 0 END, COUNT(*)
    FROM scores GROUP BY 1, 2, 3, 4, 5, 6;
  `,
  // 9: the revision moves to a row of its own. Every call and every output written bumped it, and each bump
  // rewrote the whole runs row (its models, fields and scoring as JSON): two rewrites of a kilobyte or more per
  // call, a large share of storing a call (npm run bench). The triggers stay, so no writer can forget to count.
  `
  CREATE TABLE run_revisions (
    run_id TEXT PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
    revision INTEGER NOT NULL
  ) WITHOUT ROWID;
  INSERT INTO run_revisions (run_id, revision) SELECT id, revision FROM runs;
  CREATE TRIGGER runs_inserted AFTER INSERT ON runs
    BEGIN INSERT INTO run_revisions (run_id, revision) VALUES (NEW.id, 0); END;
  DROP TRIGGER calls_inserted;
  DROP TRIGGER calls_updated;
  DROP TRIGGER calls_deleted;
  DROP TRIGGER outputs_inserted;
  DROP TRIGGER outputs_updated;
  DROP TRIGGER grades_inserted;
  DROP TRIGGER grades_updated;
  DROP TRIGGER grades_deleted;
  CREATE TRIGGER calls_inserted AFTER INSERT ON calls
    BEGIN UPDATE run_revisions SET revision = revision + 1 WHERE run_id = NEW.run_id; END;
  CREATE TRIGGER calls_updated AFTER UPDATE ON calls
    BEGIN UPDATE run_revisions SET revision = revision + 1 WHERE run_id IN (OLD.run_id, NEW.run_id); END;
  CREATE TRIGGER calls_deleted AFTER DELETE ON calls
    BEGIN UPDATE run_revisions SET revision = revision + 1 WHERE run_id = OLD.run_id; END;
  CREATE TRIGGER outputs_inserted AFTER INSERT ON outputs
    BEGIN UPDATE run_revisions SET revision = revision + 1
      WHERE run_id = (SELECT run_id FROM calls WHERE id = NEW.call_id); END;
  CREATE TRIGGER outputs_updated AFTER UPDATE ON outputs
    BEGIN UPDATE run_revisions SET revision = revision + 1
      WHERE run_id = (SELECT run_id FROM calls WHERE id = NEW.call_id); END;
  CREATE TRIGGER grades_inserted AFTER INSERT ON grades
    BEGIN UPDATE run_revisions SET revision = revision + 1
      WHERE run_id = (SELECT run_id FROM review_items WHERE id = NEW.review_item_id); END;
  CREATE TRIGGER grades_updated AFTER UPDATE ON grades
    BEGIN UPDATE run_revisions SET revision = revision + 1
      WHERE run_id = (SELECT run_id FROM review_items WHERE id = NEW.review_item_id); END;
  CREATE TRIGGER grades_deleted AFTER DELETE ON grades
    BEGIN UPDATE run_revisions SET revision = revision + 1
      WHERE run_id = (SELECT run_id FROM review_items WHERE id = OLD.review_item_id); END;
  `,
  // 10: report.html's agreement figures (pairwise agreement, the disagreements listed) kept beside the scoring
  // they came from. Gathering them reads and canonicalises every output; a report or gate of a run unchanged
  // since its scoring (the stamp says so) reads them back instead (npm run bench: the report start-up row).
  `
  CREATE TABLE report_figures (
    run_id TEXT PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
    stamp TEXT NOT NULL,
    figures TEXT NOT NULL
  );
  `,
  ...JUDGE_MIGRATIONS,
  ...BATCH_MIGRATIONS,
];
