'use strict';

/**
 * Walks a pool of users round-robin; each user's requests alternate disable and enable,
 * starting from the enabled state the seed gave them, so every request changes state.
 */
function alternation(names) {
  const enabled = new Array(names.length).fill(true);
  let next = 0;
  return () => {
    const i = next;
    next = (next + 1) % names.length;
    enabled[i] = !enabled[i];
    return { name: names[i], index: i, enable: enabled[i] };
  };
}

module.exports = { alternation };
