// While a reconciliation run is under way, its progress is read from the API every second; the page reloads when it ends.
(() => {
  const box = document.getElementById('run-progress');
  if (!box || box.dataset.finished === 'true') return;
  const poll = async () => {
    const response = await fetch(`/api/v1/finance/reconciliations/${box.dataset.run}`, { headers: { Accept: 'application/json' } });
    if (!response.ok) return;
    const run = await response.json();
    document.getElementById('progress').value = run.progress;
    document.getElementById('run-status').textContent = run.status;
    document.getElementById('run-step').textContent = run.step ?? '';
    if (run.status === 'succeeded' || run.status === 'failed') {
      window.location.reload();
    } else {
      setTimeout(poll, 1000);
    }
  };
  setTimeout(poll, 1000);
})();
