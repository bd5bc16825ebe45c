// Entry point of the tab's page script (bundled by tab/build.ts).
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { connectHost } from './host';

const root = createRoot(document.getElementById('root')!);
connectHost().then(
  (host) => root.render(<App host={host} />),
  (e: Error) => {
    root.render(
      <main>
        <h1>PlanPulse couldn't start</h1>
        <p>{e.message}. Close the tab and open it again.</p>
      </main>,
    );
  },
);
