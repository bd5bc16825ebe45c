import { runTabApiSuite } from './api.suite';

runTabApiSuite('sqlite');
