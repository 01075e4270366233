// The consumer's own surefire reports: every test class ran tests (a suite inherited from the testkit included),
// none failed. "Tests run: 0" is exactly what this check exists to catch.
def reports = new File(basedir, 'target/surefire-reports')
assert reports.isDirectory() : "no surefire reports: the consumer ran no tests"
def expected = ['EmbeddedCoreTest', 'InMemoryTenantsSuiteTest', 'PostgresTenantsSuiteTest', 'MountedCallPathTest']
int total = 0
expected.each { name ->
    def report = new File(reports, "TEST-org.example.host.${name}.xml")
    assert report.isFile() : "no report for ${name}"
    def suite = new groovy.xml.XmlSlurper().parse(report)
    int tests = suite.@tests.toInteger()
    assert tests > 0 : "${name}: Tests run: 0"
    assert suite.@failures.toInteger() == 0 && suite.@errors.toInteger() == 0 : "${name} failed"
    total += tests
}
println "consumer tests run: ${total}"
true
