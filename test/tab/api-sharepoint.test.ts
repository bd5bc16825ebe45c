import { runTabApiSuite } from './api.suite';

runTabApiSuite('sharepoint');
