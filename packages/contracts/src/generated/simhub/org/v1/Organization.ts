// Original file: proto/simhub/org/v1/org_service.proto


export interface Organization {
  'id'?: (string);
  'name'?: (string);
  'status'?: (string);
  'createdAt'?: (string);
  'updatedAt'?: (string);
}

export interface Organization__Output {
  'id': (string);
  'name': (string);
  'status': (string);
  'createdAt': (string);
  'updatedAt': (string);
}
