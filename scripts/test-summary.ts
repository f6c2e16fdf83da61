// Adds up vitest JSON reports into the one line CI records: "N passed, N failed".
// Failed tests are listed above that line (file, name, first line of the
// message), so a red run's last lines say what failed.
import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";

interface AssertionResult {
  status: string;
  fullName: string;
  failureMessages?: string[];
}
interface FileResult {
  name: string;
  status: string;
  message?: string;
  assertionResults: AssertionResult[];
}
interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: FileResult[];
}

const firstLine = (text: string | undefined): string =>
  (text ?? "").trim().split("\n")[0]?.slice(0, 300) ?? "";

let passed = 0;
let failed = 0;
let skipped = 0;
const failures: string[] = [];
const files = process.argv.slice(2).filter((file) => existsSync(file));
for (const file of files) {
  const report = JSON.parse(readFileSync(file, "utf8")) as Report;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  for (const result of report.testResults) {
    const where = relative(process.cwd(), result.name);
    const failedTests = result.assertionResults.filter((test) => test.status === "failed");
    for (const test of failedTests)
      failures.push(`FAILED ${where} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    // A file that failed without a failed test (it did not load, or its setup
    // threw and its tests were skipped) must still count as a failure.
    if (result.status === "failed" && failedTests.length === 0) {
      failed += 1;
      failures.push(`FAILED ${where} (the file itself): ${firstLine(result.message)}`);
    }
  }
}
if (files.length === 0) failed += 1;
for (const failure of failures) console.log(failure);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
