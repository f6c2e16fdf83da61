// Original file: proto/simhub/company/v1/company_service.proto


export interface UpdateCompanyRequest {
  'id'?: (string);
  'name'?: (string);
  'currency'?: (string);
  'notificationEmail'?: (string);
  'orgId'?: (string);
  '_name'?: "name";
  '_currency'?: "currency";
  '_notificationEmail'?: "notificationEmail";
  '_orgId'?: "orgId";
}

export interface UpdateCompanyRequest__Output {
  'id': (string);
  'name'?: (string);
  'currency'?: (string);
  'notificationEmail'?: (string);
  'orgId'?: (string);
  '_name'?: "name";
  '_currency'?: "currency";
  '_notificationEmail'?: "notificationEmail";
  '_orgId'?: "orgId";
}
