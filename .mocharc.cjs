// Tests are TypeScript run through tsx; the reporter prints "N passed, N failed" for CI.
module.exports = {
  import: 'tsx',
  reporter: './test/support/reporter.cjs',
  timeout: 20000,
  exit: true,
};
