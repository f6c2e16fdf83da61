// Original file: proto/simhub/sim/v1/sim_service.proto

import type { Long } from '@grpc/proto-loader';

export interface SimImport {
  'id'?: (string);
  'orgId'?: (string);
  'format'?: (string);
  'status'?: (string);
  'rowsReceived'?: (number);
  'rowsImported'?: (number);
  'rowsRejected'?: (number);
  'bytesReceived'?: (number | string | Long);
  'createdAt'?: (string);
  'finishedAt'?: (string);
  'failure'?: (string);
}

export interface SimImport__Output {
  'id': (string);
  'orgId': (string);
  'format': (string);
  'status': (string);
  'rowsReceived': (number);
  'rowsImported': (number);
  'rowsRejected': (number);
  'bytesReceived': (string);
  'createdAt': (string);
  'finishedAt': (string);
  'failure': (string);
}
