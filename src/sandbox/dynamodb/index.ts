/**
 * The DynamoDB simulator: tables (CREATING -> ACTIVE, billing modes, deletion protection,
 * PITR, TTL, tags) and items (put/get/update/delete/query/scan) with DynamoDB's expression
 * language, parsed and evaluated by ./expressions.
 */
import {
  ConditionalCheckFailedException,
  ContinuousBackupsUnavailableException,
  DynamoDBServiceException,
  InternalServerError,
  LimitExceededException,
  ResourceInUseException,
  ResourceNotFoundException,
  TableNotFoundException,
  ThrottlingException,
} from '@aws-sdk/client-dynamodb';
import { type ServiceSimulator, sdkExceptions } from '../service.ts';
import { itemOperations } from './items.ts';
import { queryScanOperations } from './query-scan.ts';
import { type DynamoDbState, emptyDynamoDbState } from './state.ts';
import { tableSettingOperations } from './table-settings.ts';
import { tableOperations } from './tables.ts';

export type { DynamoDbState, TableRec } from './state.ts';

const CONTROL_PLANE = new Set(['CreateTable', 'UpdateTable', 'DeleteTable', 'UpdateContinuousBackups', 'UpdateTimeToLive', 'TagResource', 'UntagResource']);

export const dynamodbSimulator: ServiceSimulator<DynamoDbState> = {
  name: 'dynamodb',
  clientName: 'DynamoDBClient',
  initialState: () => emptyDynamoDbState(),
  operations: {
    ...tableOperations,
    ...tableSettingOperations,
    ...itemOperations,
    ...queryScanOperations,
  },
  errors: {
    throttling: { code: 'ThrottlingException', status: 400 },
    serverError: { code: 'InternalServerError', status: 500 },
    toException: sdkExceptions(DynamoDBServiceException, {
      ConditionalCheckFailedException,
      ContinuousBackupsUnavailableException,
      InternalServerError,
      LimitExceededException,
      ResourceInUseException,
      ResourceNotFoundException,
      TableNotFoundException,
      ThrottlingException,
    }),
  },
  // Control-plane calls are limited (AWS: a few per second per account); item calls draw
  // on table capacity, which on-demand tables scale, so they are not limited here.
  rateLimit: (operation) => (CONTROL_PLANE.has(operation) ? { capacity: 100, refillPerSecond: 10 } : undefined),
};
