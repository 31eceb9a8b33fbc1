// tsc emits only JavaScript; n8n also needs the icons and the codex (.node.json) files beside the
// compiled node and credential, so gulp copies them into dist/ after the compile.
const { src, dest, task } = require('gulp');

task('build:icons', function copyStaticFiles() {
	return src(['icons/**/*.svg', 'nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'], {
		base: '.',
	}).pipe(dest('dist'));
});
