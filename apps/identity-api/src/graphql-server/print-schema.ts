import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import '../graphql/graphql-enums';
import { ALL_RESOLVERS } from './resolvers';

/**
 * Prints the schema the code defines. `--check FILE` compares it with the committed schema.gql and
 * fails when they differ, so the published contract cannot drift from the code.
 */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  await app.init();
  const schema = await app.get(GraphQLSchemaFactory).create(ALL_RESOLVERS);
  const printed = `${printSchema(lexicographicSortSchema(schema))}\n`;
  await app.close();
  const checkIndex = process.argv.indexOf('--check');
  if (checkIndex < 0) {
    process.stdout.write(printed);
    return;
  }
  const file = process.argv[checkIndex + 1];
  if (file === undefined) {
    console.error('--check needs the schema file to compare with, e.g. --check schema.gql');
    process.exit(1);
  }
  if (readFileSync(file, 'utf8') !== printed) {
    console.error(`${file} does not match the schema the code defines: run \`npm run build && npm run schema:generate\` and commit it`);
    process.exit(1);
  }
  console.error(`${file} matches the code`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
