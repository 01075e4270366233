// The build failed (invoker.buildResult = failure) because the suite's tests ran and caught the adapter.
def report = new File(basedir, 'target/surefire-reports/TEST-org.example.store.ForgetfulTenantsTest.xml')
assert report.isFile() : "no surefire report: the suite did not run"
def suite = new groovy.xml.XmlSlurper().parse(report)
int tests = suite.@tests.toInteger()
int failures = suite.@failures.toInteger() + suite.@errors.toInteger()
assert tests > 0 : "Tests run: 0"
assert failures > 0 : "the contract suite did not catch the forgetful adapter"
println "wrong adapter: ${tests} tests run, ${failures} failed"
true
