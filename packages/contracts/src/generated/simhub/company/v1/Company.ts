// Original file: proto/simhub/company/v1/company_service.proto


export interface Company {
  'id'?: (string);
  'orgId'?: (string);
  'name'?: (string);
  'virtual'?: (boolean);
  'status'?: (string);
  'createdAt'?: (string);
  'updatedAt'?: (string);
  'currency'?: (string);
  'notificationEmail'?: (string);
  'archivedAt'?: (string);
}

export interface Company__Output {
  'id': (string);
  'orgId': (string);
  'name': (string);
  'virtual': (boolean);
  'status': (string);
  'createdAt': (string);
  'updatedAt': (string);
  'currency': (string);
  'notificationEmail': (string);
  'archivedAt': (string);
}
