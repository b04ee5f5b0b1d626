// Loaded by `node --require` ahead of wordpress-export-to-markdown's index.js
// (scripts/bench-import): sets the pause it takes between two Markdown files
// (`markdown_file_write_delay` in its src/settings.js, 25 ms as published)
// to none, so that its run time is its own work. Its settings module is
// shared through node's module cache, so the change holds for its writer.
const path = require('path');

const settings = require(path.join(path.dirname(process.argv[1]), 'src', 'settings.js'));
settings.markdown_file_write_delay = 0;
