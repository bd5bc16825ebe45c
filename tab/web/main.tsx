// Entry point of the tab's page script (bundled by tab/build.ts).
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { connectHost } from './host';

const root = createRoot(document.getElementById('root')!);
connectHost().then(
  (host) => root.render(<App host={host} />),
  (e: Error) => {
    // Never a blank page: say what happened and offer the one thing that can help.
    root.render(
      <main>
        <h1>PlanPulse couldn't start</h1>
        <p>
          {e.message}. {window.parent === window ? '' : "Teams didn't finish connecting to PlanPulse. "}Try again; if it keeps happening, close the
          tab and open it again.
        </p>
        <button type="button" onClick={() => location.reload()} style={{ minHeight: 32, minWidth: 24 }}>
          Try again
        </button>
      </main>,
    );
  },
);
