// Scans the Electron shell (main/app) and the preload with
// Electronegativity and reads the findings back from its CSV report. The
// scan passes when no HIGH or MEDIUM finding remains; LOW and
// INFORMATIONAL ones are printed, and the README's security section
// explains each accepted one.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const ELECTRON_VERSION = '45.6.1';
const SEVERITIES = new Set(['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL']);
const BLOCKING = new Set(['HIGH', 'MEDIUM']);
const COLUMNS = 8;

// The preload creates no window and no session. Alone, it would fail the
// app-wide checks (CSP, navigation limits, permission handler) for lack of
// what main/app sets, so only the main/app scan runs them.
const APP_WIDE_CHECKS = [
  'CSPGlobalCheck',
  'LimitNavigationGlobalCheck',
  'PermissionRequestHandlerGlobalCheck',
];

/**
 * Runs both scans and prints every finding. Returns true when both reports
 * were read and neither has a HIGH or MEDIUM finding.
 */
export function scanElectronShell(root, reportDir) {
  const scans = [
    { input: 'main/app', report: 'electronegativity.csv', exclude: [] },
    {
      input: 'preload',
      report: 'electronegativity-preload.csv',
      exclude: APP_WIDE_CHECKS,
    },
  ];
  let clean = true;
  for (const scan of scans) {
    const report = join(reportDir, scan.report);
    const findings = runScan(root, scan.input, report, scan.exclude);
    if (findings === null) {
      clean = false;
      continue;
    }
    printFindings(scan.input, findings);
    if (findings.some(finding => BLOCKING.has(finding.severity))) {
      clean = false;
    }
  }
  return clean;
}

/** Attempts per scan: see the NOTE in parseReport on the report race. */
const ATTEMPTS = 3;

/**
 * Runs one scan; returns its findings, or null when it failed. A malformed
 * report is scanned again, because the scanner sometimes writes its header
 * over the first row.
 */
function runScan(root, input, report, exclude) {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    const outcome = scanOnce(root, input, report, exclude);
    if (outcome.findings !== undefined) return outcome.findings;
    if (!outcome.isRetryable) return null;
    console.log(`Scanning ${input} again (attempt ${attempt + 1}).`);
  }
  return null;
}

function scanOnce(root, input, report, exclude) {
  const args = [
    join(root, 'scripts', 'electronegativity.cjs'),
    '-i',
    input,
    '-e',
    ELECTRON_VERSION,
    '-o',
    report,
  ];
  if (exclude.length > 0) args.push('-x', exclude.join(','));
  console.log(`\n== electronegativity: node ${args.join(' ')}`);

  rmSync(report, { force: true });
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    console.log(result.stdout, result.stderr);
    console.log(`Electronegativity failed with status ${result.status}.`);
    return { isRetryable: false };
  }
  try {
    return { findings: parseReport(readFileSync(report, 'utf8')) };
  } catch (error) {
    console.log(`Electronegativity report ${report} is unusable: ${error}`);
    return { isRetryable: true };
  }
}

/**
 * Parses the CSV report: a header line, then one finding per line with the
 * columns issue, severity, confidence, filename, location, sample,
 * description and url. Throws on a malformed row rather than guess.
 */
export function parseReport(text) {
  const [, ...lines] = text.split(/\r?\n/).filter(line => line !== '');
  return lines.map(line => {
    const fields = parseCsvLine(line);
    const [issue, severity, confidence, file, location, , description] = fields;
    if (
      fields.length !== COLUMNS ||
      !/^[A-Z0-9_]+$/.test(issue) ||
      !SEVERITIES.has(severity)
    ) {
      // Electronegativity 1.10.3 writes the header and the rows with two
      // concurrent fs.writeFile calls (dist/util/file.js). The launcher
      // orders them, so a row mangled anyway fails the step loudly.
      throw new Error(`malformed row: ${line.slice(0, 120)}`);
    }
    return { issue, severity, confidence, file, location, description };
  });
}

/** Splits one CSV line, with double quotes and "" escapes. */
function parseCsvLine(line) {
  const fields = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (quoted && char === '"' && line[i + 1] === '"') {
      field += '"';
      i += 1;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (char === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else {
      field += char;
    }
  }
  fields.push(field);
  return fields;
}

function printFindings(input, findings) {
  if (findings.length === 0) {
    console.log(`${input}: no findings`);
    return;
  }
  for (const finding of findings) {
    console.log(
      `${input}: ${finding.severity} ${finding.issue} at ` +
        `${finding.file}:${finding.location}: ${finding.description}`,
    );
  }
}
