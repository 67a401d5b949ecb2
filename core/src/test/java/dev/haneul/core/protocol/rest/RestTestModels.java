package dev.haneul.core.protocol.rest;

import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.core.protocol.TestModels;

/**
 * Small rest models in botocore's format exercising every binding the rest codecs have: an object
 * store shaped like S3 (rest-xml: labels, greedy labels, literal query parameters, headers, prefix
 * headers, streaming and structure payloads, flattened lists, namespaces) and a rest-json service
 * (query maps, header lists, jsonvalue headers, status code members, documents, host labels).
 */
final class RestTestModels {

    private RestTestModels() {}

    static final String STORE = """
            {
              "metadata": {"protocol": "rest-xml", "apiVersion": "2024-01-01", "endpointPrefix": "store",
                           "serviceId": "Store", "signingName": "store"},
              "operations": {
                "ListBuckets": {"name": "ListBuckets", "http": {"method": "GET", "requestUri": "/"},
                                "output": {"shape": "ListBucketsOutput"}},
                "CreateBucket": {"name": "CreateBucket", "http": {"method": "PUT", "requestUri": "/{Bucket}"},
                                 "input": {"shape": "CreateBucketRequest"}, "output": {"shape": "CreateBucketOutput"},
                                 "errors": [{"shape": "BucketAlreadyExists"}]},
                "ListObjects": {"name": "ListObjects", "http": {"method": "GET", "requestUri": "/{Bucket}"},
                                "input": {"shape": "ListObjectsRequest"}, "output": {"shape": "ListObjectsOutput"},
                                "errors": [{"shape": "NoSuchBucket"}]},
                "ListObjectsV2": {"name": "ListObjectsV2", "http": {"method": "GET", "requestUri": "/{Bucket}?list-type=2"},
                                  "input": {"shape": "ListObjectsRequest"}, "output": {"shape": "ListObjectsOutput"}},
                "PutObject": {"name": "PutObject", "http": {"method": "PUT", "requestUri": "/{Bucket}/{Key+}"},
                              "input": {"shape": "PutObjectRequest"}, "output": {"shape": "PutObjectOutput"}},
                "GetObject": {"name": "GetObject", "http": {"method": "GET", "requestUri": "/{Bucket}/{Key+}"},
                              "input": {"shape": "GetObjectRequest"}, "output": {"shape": "GetObjectOutput"},
                              "errors": [{"shape": "NoSuchKey"}]},
                "DeleteObject": {"name": "DeleteObject",
                                 "http": {"method": "DELETE", "requestUri": "/{Bucket}/{Key+}", "responseCode": 204},
                                 "input": {"shape": "GetObjectRequest"}},
                "CreateMultipartUpload": {"name": "CreateMultipartUpload",
                                          "http": {"method": "POST", "requestUri": "/{Bucket}/{Key+}?uploads"},
                                          "input": {"shape": "GetObjectRequest"}},
                "CopyObject": {"name": "CopyObject", "http": {"method": "PUT", "requestUri": "/{Bucket}/{Key+}"},
                               "input": {"shape": "CopyObjectRequest"}},
                "UploadPart": {"name": "UploadPart", "http": {"method": "PUT", "requestUri": "/{Bucket}/{Key+}"},
                               "input": {"shape": "UploadPartRequest"}},
                "PutObjectLegacy": {"name": "PutObjectLegacy", "http": {"method": "PUT", "requestUri": "/{Bucket}/{Key+}"},
                                    "input": {"shape": "GetObjectRequest"}, "deprecated": true},
                "DeleteObjects": {"name": "DeleteObjects", "http": {"method": "POST", "requestUri": "/{Bucket}?delete"},
                                  "input": {"shape": "DeleteObjectsRequest"}}
              },
              "shapes": {
                "ListBucketsOutput": {"type": "structure", "members": {"Buckets": {"shape": "Buckets"}},
                                      "locationName": "ListAllMyBucketsResult"},
                "Buckets": {"type": "list", "member": {"shape": "Bucket", "locationName": "Bucket"}},
                "Bucket": {"type": "structure", "members": {"Name": {"shape": "String"},
                                                            "CreationDate": {"shape": "Timestamp"}}},
                "CreateBucketRequest": {"type": "structure", "required": ["Bucket"], "payload": "Configuration",
                  "members": {
                    "Bucket": {"shape": "String", "location": "uri", "locationName": "Bucket"},
                    "ACL": {"shape": "String", "location": "header", "locationName": "x-amz-acl"},
                    "Configuration": {"shape": "Configuration", "locationName": "CreateBucketConfiguration",
                                      "xmlNamespace": {"uri": "http://store.example/doc/2024-01-01/"}}}},
                "Configuration": {"type": "structure", "members": {"LocationConstraint": {"shape": "String"}}},
                "CreateBucketOutput": {"type": "structure", "members": {
                    "Location": {"shape": "String", "location": "header", "locationName": "Location"}}},
                "ListObjectsRequest": {"type": "structure", "required": ["Bucket"], "members": {
                    "Bucket": {"shape": "String", "location": "uri", "locationName": "Bucket"},
                    "Prefix": {"shape": "String", "location": "querystring", "locationName": "prefix"},
                    "MaxKeys": {"shape": "Integer", "location": "querystring", "locationName": "max-keys"}}},
                "ListObjectsOutput": {"type": "structure", "locationName": "ListBucketResult", "members": {
                    "Name": {"shape": "String"},
                    "Contents": {"shape": "ObjectList"},
                    "CommonPrefixes": {"shape": "PrefixList"},
                    "IsTruncated": {"shape": "Boolean"}}},
                "ObjectList": {"type": "list", "member": {"shape": "Object"}, "flattened": true},
                "PrefixList": {"type": "list", "member": {"shape": "CommonPrefix"}, "flattened": true},
                "CommonPrefix": {"type": "structure", "members": {"Prefix": {"shape": "String"}}},
                "Object": {"type": "structure", "members": {
                    "Key": {"shape": "String"}, "Size": {"shape": "Long"}, "LastModified": {"shape": "Timestamp"}}},
                "PutObjectRequest": {"type": "structure", "required": ["Bucket", "Key"], "payload": "Body",
                  "members": {
                    "Bucket": {"shape": "String", "location": "uri", "locationName": "Bucket"},
                    "Key": {"shape": "String", "location": "uri", "locationName": "Key"},
                    "Body": {"shape": "Blob", "streaming": true},
                    "ContentLength": {"shape": "Long", "location": "header", "locationName": "Content-Length"},
                    "ContentType": {"shape": "String", "location": "header", "locationName": "Content-Type"},
                    "Expires": {"shape": "Timestamp", "location": "header", "locationName": "Expires"},
                    "Metadata": {"shape": "Metadata", "location": "headers", "locationName": "x-amz-meta-"}}},
                "PutObjectOutput": {"type": "structure", "members": {
                    "ETag": {"shape": "String", "location": "header", "locationName": "ETag"}}},
                "GetObjectRequest": {"type": "structure", "required": ["Bucket", "Key"], "members": {
                    "Bucket": {"shape": "String", "location": "uri", "locationName": "Bucket"},
                    "Key": {"shape": "String", "location": "uri", "locationName": "Key"},
                    "VersionId": {"shape": "String", "location": "querystring", "locationName": "versionId"}}},
                "GetObjectOutput": {"type": "structure", "payload": "Body", "members": {
                    "Body": {"shape": "Blob", "streaming": true},
                    "ContentType": {"shape": "String", "location": "header", "locationName": "Content-Type"},
                    "LastModified": {"shape": "Timestamp", "location": "header", "locationName": "Last-Modified"},
                    "Metadata": {"shape": "Metadata", "location": "headers", "locationName": "x-amz-meta-"}}},
                "CopyObjectRequest": {"type": "structure", "required": ["Bucket", "Key", "CopySource"], "members": {
                    "Bucket": {"shape": "String", "location": "uri", "locationName": "Bucket"},
                    "Key": {"shape": "String", "location": "uri", "locationName": "Key"},
                    "CopySource": {"shape": "String", "location": "header", "locationName": "x-amz-copy-source"}}},
                "UploadPartRequest": {"type": "structure", "required": ["Bucket", "Key", "PartNumber", "UploadId"],
                  "members": {
                    "Bucket": {"shape": "String", "location": "uri", "locationName": "Bucket"},
                    "Key": {"shape": "String", "location": "uri", "locationName": "Key"},
                    "PartNumber": {"shape": "Integer", "location": "querystring", "locationName": "partNumber"},
                    "UploadId": {"shape": "String", "location": "querystring", "locationName": "uploadId"}}},
                "DeleteObjectsRequest": {"type": "structure", "required": ["Bucket", "Delete"], "payload": "Delete",
                  "members": {
                    "Bucket": {"shape": "String", "location": "uri", "locationName": "Bucket"},
                    "Delete": {"shape": "Delete", "locationName": "Delete",
                               "xmlNamespace": {"uri": "http://store.example/doc/2024-01-01/"}}}},
                "Delete": {"type": "structure", "members": {
                    "Objects": {"shape": "Identifiers", "locationName": "Object"}, "Quiet": {"shape": "Boolean"}}},
                "Identifiers": {"type": "list", "member": {"shape": "Identifier"}, "flattened": true},
                "Identifier": {"type": "structure", "members": {"Key": {"shape": "String"}}},
                "Metadata": {"type": "map", "key": {"shape": "String"}, "value": {"shape": "String"}},
                "NoSuchBucket": {"type": "structure", "members": {"BucketName": {"shape": "String"}},
                                 "error": {"httpStatusCode": 404}, "exception": true},
                "NoSuchKey": {"type": "structure", "members": {
                    "Key": {"shape": "String"},
                    "Missing": {"shape": "String", "location": "header", "locationName": "x-amz-missing"}},
                              "error": {"httpStatusCode": 404}, "exception": true},
                "BucketAlreadyExists": {"type": "structure", "members": {},
                                        "error": {"httpStatusCode": 409}, "exception": true},
                "String": {"type": "string"},
                "Integer": {"type": "integer"},
                "Long": {"type": "long"},
                "Boolean": {"type": "boolean"},
                "Timestamp": {"type": "timestamp"},
                "Blob": {"type": "blob"}
              }
            }
            """;

    static final String TASKS = """
            {
              "metadata": {"protocol": "rest-json", "apiVersion": "2024-01-01", "endpointPrefix": "tasks",
                           "serviceId": "Tasks", "signingName": "tasks"},
              "operations": {
                "GetTask": {"name": "GetTask", "http": {"method": "GET", "requestUri": "/v1/tasks/{TaskId}"},
                            "input": {"shape": "GetTaskRequest"}, "output": {"shape": "Task"},
                            "errors": [{"shape": "TaskNotFound"}]},
                "CreateTask": {"name": "CreateTask", "http": {"method": "POST", "requestUri": "/v1/tasks", "responseCode": 201},
                               "input": {"shape": "CreateTaskRequest"}, "output": {"shape": "CreateTaskResponse"}},
                "SearchTasks": {"name": "SearchTasks", "http": {"method": "GET", "requestUri": "/v1/tasks?view=search"},
                                "input": {"shape": "SearchTasksRequest"}},
                "PutDocument": {"name": "PutDocument", "http": {"method": "PUT", "requestUri": "/v1/tasks/{TaskId}/doc"},
                                "input": {"shape": "PutDocumentRequest"}},
                "Ping": {"name": "Ping", "http": {"method": "POST", "requestUri": "/v1/ping"},
                         "input": {"shape": "PingRequest"}, "endpoint": {"hostPrefix": "{Region}.ping."}}
              },
              "shapes": {
                "GetTaskRequest": {"type": "structure", "required": ["TaskId"], "members": {
                    "TaskId": {"shape": "String", "location": "uri", "locationName": "TaskId"},
                    "Tags": {"shape": "StringList", "location": "header", "locationName": "X-Tags"},
                    "Filter": {"shape": "String", "jsonvalue": true, "location": "header", "locationName": "X-Filter"}}},
                "Task": {"type": "structure", "members": {
                    "TaskId": {"shape": "String", "location": "uri", "locationName": "TaskId"},
                    "Title": {"shape": "String", "locationName": "title"},
                    "Due": {"shape": "Timestamp"},
                    "Owners": {"shape": "StringList", "location": "header", "locationName": "X-Owners"}}},
                "CreateTaskRequest": {"type": "structure", "required": ["Title"], "members": {
                    "Title": {"shape": "String", "locationName": "title"},
                    "Priority": {"shape": "Integer"},
                    "Token": {"shape": "String", "idempotencyToken": true, "location": "querystring", "locationName": "token"}}},
                "CreateTaskResponse": {"type": "structure", "members": {
                    "Status": {"shape": "Integer", "location": "statusCode"},
                    "TaskId": {"shape": "String"}}},
                "SearchTasksRequest": {"type": "structure", "members": {
                    "Owner": {"shape": "String", "location": "querystring", "locationName": "owner"},
                    "Filters": {"shape": "FilterMap", "location": "querystring"}}},
                "PutDocumentRequest": {"type": "structure", "payload": "Document", "members": {
                    "TaskId": {"shape": "String", "location": "uri", "locationName": "TaskId"},
                    "Document": {"shape": "Document"}}},
                "PingRequest": {"type": "structure", "members": {"Region": {"shape": "String", "hostLabel": true}}},
                "TaskNotFound": {"type": "structure", "members": {
                    "message": {"shape": "String"},
                    "TaskId": {"shape": "String", "location": "header", "locationName": "X-Task-Id"}},
                                 "error": {"httpStatusCode": 404, "senderFault": true}, "exception": true},
                "FilterMap": {"type": "map", "key": {"shape": "String"}, "value": {"shape": "StringList"}},
                "StringList": {"type": "list", "member": {"shape": "String"}},
                "Document": {"type": "structure", "members": {}, "document": true},
                "String": {"type": "string"},
                "Integer": {"type": "integer"},
                "Timestamp": {"type": "timestamp"}
              }
            }
            """;

    static ServiceModel store() {
        return TestModels.parse(STORE);
    }

    static ServiceModel tasks() {
        return TestModels.parse(TASKS);
    }
}
