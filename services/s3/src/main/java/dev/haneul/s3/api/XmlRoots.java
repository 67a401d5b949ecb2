package dev.haneul.s3.api;

import static java.util.Map.entry;

import java.util.Map;

/**
 * The root elements of S3's XML answers whose body is the output's own members: the botocore
 * model names only the output shape ({@code ListObjectsV2Output}), while S3 answers
 * {@code <ListBucketResult>} (the names of the S3 API reference and the Smithy model's
 * {@code @xmlName}). Outputs whose body is one payload member ({@code CopyObjectResult},
 * {@code CopyPartResult}, {@code ServerSideEncryptionConfiguration}…) are already named by their
 * shape; {@code GetBucketLocation}'s bare {@code <LocationConstraint>} is a bare output.
 */
final class XmlRoots {

    /** By operation name. */
    static final Map<String, String> BY_OPERATION = Map.ofEntries(
            entry("CompleteMultipartUpload", "CompleteMultipartUploadResult"),
            entry("CreateMultipartUpload", "InitiateMultipartUploadResult"),
            entry("CreateSession", "CreateSessionResult"),
            entry("DeleteObjects", "DeleteResult"),
            entry("GetBucketAccelerateConfiguration", "AccelerateConfiguration"),
            entry("GetBucketAcl", "AccessControlPolicy"),
            entry("GetBucketCors", "CORSConfiguration"),
            entry("GetBucketLifecycle", "LifecycleConfiguration"),
            entry("GetBucketLifecycleConfiguration", "LifecycleConfiguration"),
            entry("GetBucketLogging", "BucketLoggingStatus"),
            entry("GetBucketNotification", "NotificationConfiguration"),
            entry("GetBucketNotificationConfiguration", "NotificationConfiguration"),
            entry("GetBucketRequestPayment", "RequestPaymentConfiguration"),
            entry("GetBucketTagging", "Tagging"),
            entry("GetBucketVersioning", "VersioningConfiguration"),
            entry("GetBucketWebsite", "WebsiteConfiguration"),
            entry("GetObjectAcl", "AccessControlPolicy"),
            entry("GetObjectAttributes", "GetObjectAttributesResponse"),
            entry("GetObjectTagging", "Tagging"),
            entry("ListBucketAnalyticsConfigurations", "ListBucketAnalyticsConfigurationResult"),
            entry("ListBucketIntelligentTieringConfigurations", "ListBucketIntelligentTieringConfigurationsOutput"),
            entry("ListBucketInventoryConfigurations", "ListInventoryConfigurationsResult"),
            entry("ListBucketMetricsConfigurations", "ListMetricsConfigurationsResult"),
            entry("ListBuckets", "ListAllMyBucketsResult"),
            entry("ListDirectoryBuckets", "ListAllMyDirectoryBucketsResult"),
            entry("ListMultipartUploads", "ListMultipartUploadsResult"),
            entry("ListObjectVersions", "ListVersionsResult"),
            entry("ListObjects", "ListBucketResult"),
            entry("ListObjectsV2", "ListBucketResult"),
            entry("ListParts", "ListPartsResult"));

    private XmlRoots() {}
}
