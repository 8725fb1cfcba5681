/** @type {import('jest').Config} */
const esmOnly = ["ml-kmeans", "ml-distance-euclidean", "ml-nearest-vector", "ml-spectra-processing", "ml-xsadd",
  "is-any-array", "ml-array-max", "ml-array-min", "ml-array-rescale", "ml-kernel-polynomial", "ml-kernel-sigmoid"];
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }],
    "^.+\\.m?js$": ["ts-jest", { tsconfig: "tsconfig.jest-js.json" }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join("|")})/)`],
  setupFiles: ["reflect-metadata"],
  testTimeout: 60000,
};
