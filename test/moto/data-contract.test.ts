/**
 * The adapter contract of the data and event kinds against moto (a second, independent
 * AWS), on one moto server for the whole file. Where moto departs from AWS or lacks a
 * call, exactly that case is skipped here with the reason; the sandbox runs every case.
 */
import { contractSuite } from '../resources/contract.ts';
import {
  bucketFixture, dbFixture, functionFixture, notificationFixture, permissionFixture, subnetGroupFixture, tableFixture,
} from '../resources/data-fixtures.ts';
import { tableAdapter } from '../../src/resources/dynamodb-table/index.ts';
import { functionAdapter } from '../../src/resources/lambda-function/index.ts';
import { permissionAdapter } from '../../src/resources/lambda-permission/index.ts';
import { bucketAdapter } from '../../src/resources/s3-bucket/index.ts';
import { bucketNotificationAdapter } from '../../src/resources/s3-bucket-notification/index.ts';
import { dbInstanceAdapter } from '../../src/resources/rds-db-instance/index.ts';
import { dbSubnetGroupAdapter } from '../../src/resources/rds-db-subnet-group/index.ts';
import { motoSuite } from './server.ts';

const moto = motoSuite();
const makeContext = () => moto.context();

contractSuite('dynamodb.table on moto', { adapter: tableAdapter, setup: tableFixture, makeContext, unavailable: moto.unavailable });
contractSuite('lambda.function on moto', { adapter: functionAdapter, setup: functionFixture, makeContext, unavailable: moto.unavailable });
contractSuite('lambda.permission on moto', {
  adapter: permissionAdapter, setup: permissionFixture, makeContext, unavailable: moto.unavailable,
});
contractSuite('s3.bucket on moto', { adapter: bucketAdapter, setup: bucketFixture, makeContext, unavailable: moto.unavailable });
contractSuite('s3.bucket-notification on moto', {
  adapter: bucketNotificationAdapter, setup: notificationFixture, makeContext, unavailable: moto.unavailable,
});
contractSuite('rds.db-subnet-group on moto', {
  adapter: dbSubnetGroupAdapter, setup: subnetGroupFixture, makeContext, unavailable: moto.unavailable,
  skip: { 'update-in-place': "moto 5.2.1: ModifyDBSubnetGroup pops the group from its backend and never stores it back, so the group is gone after any change" },
});
contractSuite('rds.db-instance on moto', { adapter: dbInstanceAdapter, setup: dbFixture, makeContext, unavailable: moto.unavailable });
