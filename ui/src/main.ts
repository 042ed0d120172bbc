import { mount } from 'svelte';
import App from './App.svelte';
import { askEarly } from './lib/api';
import { baseQuery, listQuery } from './lib/queueQuery';
import { queueState } from './lib/session.svelte';
import './app.css';

// The queue's counts and first page, asked for now, beside the desk's info,
// rather than once that info has come and the queue exists: the first rows
// show a round trip and a render sooner. The queue takes these answers if
// its first query is the same (with "mine", it depends on the profile: not
// asked early).
if (!queueState.filters.mine) {
  askEarly('status_counts', { query: baseQuery(queueState.filters, null) });
  askEarly('queue_page', { query: listQuery(queueState.filters, null) });
}

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

export default mount(App, { target });
