// Writes the run's counts to JEST_RESULTS_FILE, for CI's closing line (scripts/jest-summary.js).
const fs = require('node:fs');

module.exports = class ResultsFileReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numRuntimeErrorTestSuites, numTotalTests } = results;
    fs.writeFileSync(
      process.env.JEST_RESULTS_FILE,
      JSON.stringify({ numPassedTests, numFailedTests, numRuntimeErrorTestSuites, numTotalTests }),
    );
  }
};
