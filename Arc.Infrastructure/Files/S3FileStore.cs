using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Arc.Domain.Common;
using Arc.Domain.Files;

namespace Arc.Infrastructure.Files;

/// <summary>
/// Files in an S3 bucket through AWSSDK.S3. Objects are written with <c>bucket-owner-full-control</c>, as the old
/// export wrote them, so a bucket shared with the insurer stays readable by its owner. A bucket that cannot be
/// reached or refuses the request leaves as a <see cref="ServiceUnavailableException"/>, a missing object as a
/// <see cref="NotFoundException"/>; what S3 said is inside, for the log.
/// </summary>
public sealed class S3FileStore(IAmazonS3 s3, string bucket) : IFileStore
{
    private const string Unavailable = "The file store (S3) cannot be reached right now; try again later.";

    public string Kind => "s3";

    public async Task PutAsync(string key, byte[] content, string contentType, CancellationToken ct = default)
    {
        using var body = new MemoryStream(content, writable: false);
        var request = new PutObjectRequest
        {
            BucketName = bucket, Key = FileKeys.Check(key), InputStream = body, ContentType = contentType,
            CannedACL = S3CannedACL.BucketOwnerFullControl, UseChunkEncoding = false,
        };
        await CallAsync(key, () => s3.PutObjectAsync(request, ct), ct);
    }

    public async Task<byte[]> GetAsync(string key, CancellationToken ct = default)
    {
        using var response = await CallAsync(key, () => s3.GetObjectAsync(bucket, FileKeys.Check(key), ct), ct);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken ct = default)
    {
        try
        {
            await CallAsync(key, () => s3.GetObjectMetadataAsync(bucket, FileKeys.Check(key), ct), ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    private static async Task<T> CallAsync<T>(string key, Func<Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode is "NoSuchKey" or "NotFound" or null)
        {
            throw new NotFoundException("File", key, e);
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException
                                      || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            throw new ServiceUnavailableException(Unavailable, e);
        }
    }

    /// <summary>An S3 client for the bucket's region, or for an S3-compatible stand-in (path-style addressing, its own keys).</summary>
    public static IAmazonS3 CreateClient(FilesOptions options, string fallbackRegion)
    {
        var region = options.Region ?? fallbackRegion;
        var config = new AmazonS3Config
        {
            Timeout = options.Timeout,
            MaxErrorRetry = 2,
            // Checksums only where S3 requires them: a stand-in need not know the newer trailing-checksum uploads.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (options.ServiceUrl is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            return new AmazonS3Client(config);
        }
        config.ServiceURL = options.ServiceUrl.AbsoluteUri;
        config.AuthenticationRegion = region;
        config.ForcePathStyle = true;
        return string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }
}
