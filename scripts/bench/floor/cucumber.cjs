// Profile of the benchmark's cucumber floor (steps.cjs): `cucumber-js --config scripts/bench/floor/cucumber.cjs <feature>`.
module.exports = { default: { require: ['scripts/bench/floor/steps.cjs'], format: ['summary'] } };
