/**
 * The DynamoDB simulator's suites, run in one process so the DynamoDB client loads once.
 */
import './dynamodb/tables.ts';
import './dynamodb/table-settings.ts';
import './dynamodb/items.ts';
import './dynamodb/query-scan.ts';
import './dynamodb/expressions.ts';
