using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Arc.Bench;

/// <summary>
/// A load generator that speaks MQTT 5 itself, for the intake benchmark: it connects with a user name and password,
/// publishes pre-encoded QoS 1 messages keeping up to a window of them unacknowledged, and reads every PUBACK, failing on
/// any refusal. A general client builds a message object, awaits its PUBACK and decodes it through its own dispatcher for
/// every publish; on a 2-core machine that work competes with the broker it is meant to load, and real vehicles publish
/// from their own hardware. What the broker receives is the same protocol either way.
/// </summary>
public sealed class LeanMqttPublisher : IAsyncDisposable
{
    private const byte Connect = 0x10, ConnAck = 0x20, PublishQos1 = 0x32, PubAck = 0x40;
    private const int KeepAliveSeconds = 60;
    private readonly NetworkStream _stream;
    // The broker's answers are read through a buffer, so a run of PUBACKs costs one receive, not three per packet.
    private readonly BufferedStream _input;
    private readonly byte[] _byte = new byte[1], _small = new byte[64];

    private LeanMqttPublisher(NetworkStream stream)
    {
        _stream = stream;
        _input = new BufferedStream(stream, 16 * 1024);
    }

    public static async Task<LeanMqttPublisher> ConnectAsync(IPEndPoint broker, string clientId, string user, string password)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(broker);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var publisher = new LeanMqttPublisher(new NetworkStream(socket, ownsSocket: true));
        var packet = new ArrayBufferWriter<byte>();
        var body = new ArrayBufferWriter<byte>();
        WriteString(body, "MQTT");
        body.Write<byte>([5, 0b1100_0010]); // protocol version 5; user name, password, clean start
        WriteUInt16(body, KeepAliveSeconds);
        body.Write<byte>([0]); // no properties
        WriteString(body, clientId);
        WriteString(body, user);
        WriteString(body, password);
        WritePacket(packet, Connect, body.WrittenSpan);
        await publisher._stream.WriteAsync(packet.WrittenMemory);
        var (type, reply) = await publisher.ReadPacketAsync();
        // CONNACK: acknowledge flags, then the reason code (0 = success).
        if (type != ConnAck || reply.Length < 2 || reply.Span[1] != 0)
            throw new InvalidOperationException($"The broker refused the connection (packet 0x{type:X2}, reason 0x{(reply.Length > 1 ? reply.Span[1] : 0):X2}).");
        return publisher;
    }

    /// <summary>
    /// Publishes every message at QoS 1, at most <paramref name="window"/> unacknowledged at a time (as a vehicle with a
    /// backlog does), and returns once the broker has acknowledged them all.
    /// </summary>
    public async Task PublishAllAsync(IReadOnlyList<(string Topic, byte[] Payload)> messages, int window)
    {
        using var room = new SemaphoreSlim(window);
        using var refused = new CancellationTokenSource();
        var acknowledged = ReadAcknowledgementsAsync(messages.Count, room, refused);
        var batch = new ArrayBufferWriter<byte>();
        var next = 0;
        while (next < messages.Count)
        {
            try
            {
                await room.WaitAsync(refused.Token);
            }
            catch (OperationCanceledException)
            {
                break; // the broker refused or went away: its answer is what the caller gets, below
            }
            batch.ResetWrittenCount();
            // Whatever the window has room for now goes out in one write.
            do
            {
                WritePublish(batch, messages[next], PacketId(next));
                next++;
            }
            while (next < messages.Count && room.Wait(0));
            await _stream.WriteAsync(batch.WrittenMemory);
        }
        await acknowledged;
    }

    private static ushort PacketId(int index) => (ushort)(index % ushort.MaxValue + 1);

    private async Task ReadAcknowledgementsAsync(int count, SemaphoreSlim room, CancellationTokenSource refused)
    {
        try
        {
            await ReadAcknowledgementsAsync(count, room);
        }
        catch
        {
            await refused.CancelAsync();
            throw;
        }
    }

    private async Task ReadAcknowledgementsAsync(int count, SemaphoreSlim room)
    {
        for (var i = 0; i < count; i++)
        {
            var (type, body) = await ReadPacketAsync();
            if (type != PubAck)
                throw new InvalidOperationException($"The broker answered a publish with packet 0x{type:X2}.");
            // A PUBACK of two bytes is a success; a longer one carries a reason code, below 0x80 for a success.
            if (body.Length > 2 && body.Span[2] >= 0x80)
                throw new InvalidOperationException($"The broker refused a publish: reason 0x{body.Span[2]:X2}.");
            room.Release();
        }
    }

    private static void WritePublish(ArrayBufferWriter<byte> to, (string Topic, byte[] Payload) message, ushort id)
    {
        var topicLength = Encoding.UTF8.GetByteCount(message.Topic);
        to.Write<byte>([PublishQos1]);
        WriteLength(to, 2 + topicLength + 2 + 1 + message.Payload.Length);
        WriteUInt16(to, topicLength);
        Encoding.UTF8.GetBytes(message.Topic, to);
        WriteUInt16(to, id);
        to.Write<byte>([0]); // no properties
        to.Write(message.Payload);
    }

    /// <summary>Reads one packet: its type (the high four bits of the first byte) and its body, valid until the next read.</summary>
    private async Task<(byte Type, ReadOnlyMemory<byte> Body)> ReadPacketAsync()
    {
        await _input.ReadExactlyAsync(_byte);
        var type = (byte)(_byte[0] & 0xF0);
        var length = 0;
        for (var shift = 0; shift <= 21; shift += 7)
        {
            await _input.ReadExactlyAsync(_byte);
            length |= (_byte[0] & 0x7F) << shift;
            if ((_byte[0] & 0x80) == 0)
                break;
        }
        var body = length <= _small.Length ? _small : new byte[length];
        await _input.ReadExactlyAsync(body.AsMemory(0, length));
        return (type, body.AsMemory(0, length));
    }

    private static void WritePacket(ArrayBufferWriter<byte> to, byte type, ReadOnlySpan<byte> body)
    {
        to.Write<byte>([type]);
        WriteLength(to, body.Length);
        to.Write(body);
    }

    /// <summary>MQTT's variable-length integer: seven bits a byte, the high bit saying another byte follows.</summary>
    private static void WriteLength(ArrayBufferWriter<byte> to, int length)
    {
        do
        {
            var digit = (byte)(length % 128);
            length /= 128;
            to.Write<byte>([length > 0 ? (byte)(digit | 0x80) : digit]);
        }
        while (length > 0);
    }

    private static void WriteUInt16(ArrayBufferWriter<byte> to, int value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(to.GetSpan(2), (ushort)value);
        to.Advance(2);
    }

    private static void WriteString(ArrayBufferWriter<byte> to, string value)
    {
        WriteUInt16(to, Encoding.UTF8.GetByteCount(value));
        Encoding.UTF8.GetBytes(value, to);
    }

    public async ValueTask DisposeAsync()
    {
        await _input.DisposeAsync();
        await _stream.DisposeAsync();
    }
}
