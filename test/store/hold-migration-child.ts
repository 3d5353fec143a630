// Opens the database file given as the first argument, applies every
// migration inside an IMMEDIATE transaction, prints "migrating" and keeps the
// transaction open for the milliseconds given as the second argument before
// committing. It stands in for a second app process that is part-way through
// creating the schema.
import Database from 'better-sqlite3';

import { MIGRATIONS } from '../../main/store/migrate';

const [file = '', holdMs = '0'] = process.argv.slice(2);
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.exec('BEGIN IMMEDIATE');
for (const migration of MIGRATIONS) db.exec(migration.sql);
db.pragma(`user_version = ${MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0}`);
process.stdout.write('migrating\n');

const pause = new Int32Array(new SharedArrayBuffer(4));
Atomics.wait(pause, 0, 0, Number(holdMs));
db.exec('COMMIT');
db.close();
