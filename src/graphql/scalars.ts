export { GraphQLJSONObject as JSONObjectScalar, GraphQLDateTimeISO as DateTimeScalar } from "graphql-scalars";
