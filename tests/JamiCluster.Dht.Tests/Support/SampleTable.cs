using JamiCluster.Dht.Values;
using JamiCluster.Dht.Wire;

namespace JamiCluster.Dht.Tests.Support;

/// <summary>
/// The decoded form of every vector, transcribed from opendht-wire-samples.md (not from our decoder), keyed by file name.
/// </summary>
internal static class SampleTable
{
    // Participants of the capture (samples document, "Participants").
    public const string A = "e2d81724709a86f8c7a7d4dbcd3ff57f24eb8f62";
    public const string B = "e51d27337c3b164e26f113ef3fa1074f827f156f";
    public const string C = "4cda8d42352388b65bf9b03a1fa69d3069f4352c";
    public const string D = "16e545f26a03075c8621eaea7443f5e089b9a40d";
    public const string R = "545b86ac5d7a612c2d86c605bd4cb2b20a1ae56c";
    public const string R2 = "7af95bb037ed5f887454d21886249edf0a46e1f2";
    public const string R6 = "8450b726b67da6b226d7961ff907d558ed5aeee1";
    public const string APrime = "0a4430309e924f41da18a600a7ae65df04521ac0";
    public const string RPrime = "2ac02746c11fc6088719821701f10e0340496291";
    public const string RC2 = "9d4350f88a91123be0a6f41eaa363293503f9095";
    public const string PD1 = "c829aeb604b44cc97e1ecb95f92a575ad6e8e81d";

    // Keys: SHA-1 of the ASCII names, and D's public-key id.
    public const string PutSmall = "ef98bc93b3d6d3cdbc318e04bd85d0c7731e5a64";
    public const string ListenKey = "8fdea462a75ebe12a4ded21c9aad26a387ee4390";
    public const string Large = "b0412a6d50cc85a43c9ca9909caa35d7a50208b3";
    public const string Raw = "44506f4c5261a3191fbdfe2cc27c8c9968f43d1e";
    public const string DPublicKeyId = "571e5253c73d53076408a3d2907c84bc239a8f85";
    public const string SignedKey = "53f2446c8519990d84c0fe0c6b867e945e036906";
    public const string LegacyKey = "082572babf70de7d6731d67c955eb9f3e61cbaa8";

    private const string Loopback = "127.0.0.1";
    private const WantFamilies Both = WantFamilies.Present | WantFamilies.IPv4 | WantFamilies.IPv6;
    private static readonly ValueExpectation HelloWorld = new(0x4abffee615246355, 0, "hello world", "text/plain");
    private static readonly NodeExpectation NodeA = new(A, Loopback, 14222);
    private static readonly NodeExpectation NodeB = new(B, Loopback, 14223);
    private static readonly NodeExpectation NodeD = new(D, Loopback, 14224);
    private static readonly NodeExpectation NodeR = new(R, Loopback, 14299);

    public static IReadOnlyDictionary<string, VectorExpectation> ByName { get; } = new Dictionary<string, VectorExpectation>
    {
        ["01-ping-query"] = new() { Kind = MessageKind.Query, Verb = QueryVerb.Ping, Tid = 2536076326, Sender = B },
        ["02-ping-reply"] = new() { Kind = MessageKind.Reply, Tid = 2536076326, Sender = A, Sa = Loopback },
        ["03-find-query-want46"] = new()
        {
            Kind = MessageKind.Query,
            Verb = QueryVerb.Find,
            Tid = 194853304,
            Sender = A,
            Target = "8185fd6aed407430faf284c0bc0d9d5adc044ccd",
            Want = Both,
        },
        ["04-find-reply-n4"] = new() { Kind = MessageKind.Reply, Tid = 194853304, Sender = B, Sa = Loopback, N4 = [NodeA], TokenLength = 32 },
        ["05-find-query"] = new() { Kind = MessageKind.Query, Verb = QueryVerb.Find, Tid = 1972506415, Sender = B, Target = PutSmall },
        ["06-put-query-inline"] = new()
        {
            Kind = MessageKind.Query,
            Verb = QueryVerb.Put,
            Tid = 1972506419,
            Sender = B,
            Key = PutSmall,
            Values = [HelloWorld],
            Created = 1795564679,
            TokenLength = 32,
        },
        ["07-put-reply"] = new() { Kind = MessageKind.Reply, Tid = 1972506419, Sender = A, Vid = 0x4abffee615246355, Sa = Loopback },
        ["08-get-query-select-id"] = new()
        {
            Kind = MessageKind.Query,
            Verb = QueryVerb.Get,
            Tid = 194853306,
            Sender = A,
            Key = PutSmall,
            Select = [ValueField.Id],
        },
        ["09-get-reply-fields"] = new()
        {
            Kind = MessageKind.Reply,
            Tid = 194853306,
            Sender = B,
            Sa = Loopback,
            N4 = [NodeA],
            TokenLength = 32,
            FieldIds = [ValueField.Id],
            FieldValues = [0x4abffee615246355],
        },
        ["10-get-query-where-id"] = new()
        {
            Kind = MessageKind.Query,
            Verb = QueryVerb.Get,
            Tid = 194853310,
            Sender = A,
            Key = PutSmall,
            Select = [],
            Where = [(ValueField.Id, 0x4abffee615246355)],
        },
        ["11-get-reply-values-inline"] = new()
        {
            Kind = MessageKind.Reply,
            Tid = 194853310,
            Sender = B,
            Sa = Loopback,
            N4 = [NodeA],
            TokenLength = 32,
            Values = [HelloWorld],
        },
        ["12-listen-query"] = new()
        {
            Kind = MessageKind.Query,
            Verb = QueryVerb.Listen,
            Tid = 194853317,
            Sender = A,
            Version = 1,
            Key = ListenKey,
            TokenLength = 32,
            Sid = 194853315,
        },
        ["13-listen-reply"] = new() { Kind = MessageKind.Reply, Tid = 194853317, Sender = B, Sa = Loopback },
        ["14-update-query-values"] = new()
        {
            Kind = MessageKind.Query,
            Verb = QueryVerb.Update,
            Tid = 1972506421,
            Sender = B,
            Version = 1,
            Key = ListenKey,
            Sid = 194853315,
            Values = [new(0x1fe38204d4e77b69, 0, "listen-value-1")],
            TokenLength = 32,
        },
        ["15-update-reply"] = new() { Kind = MessageKind.Reply, Tid = 1972506421, Sender = A, Sa = Loopback },
        ["16-update-query-expired"] = new()
        {
            Kind = MessageKind.Query,
            Verb = QueryVerb.Update,
            Tid = 1972506437,
            Sender = B,
            Sid = 194853315,
            TokenLength = 32,
            Expired = [0x16869b512740688e],
        },
        ["17-put-query-fragmented-header"] = new()
        {
            Kind = MessageKind.Query,
            Verb = QueryVerb.Put,
            Tid = 1972506443,
            Sender = B,
            Key = Large,
            PendingSizes = [2038],
            Created = 1795564696,
            TokenLength = 32,
        },
        ["18-value-part-0"] = new()
        {
            Kind = MessageKind.ValuePart,
            Tid = 1972506443,
            UserAgent = null,
            Parts = [new(0, 0, 1280, "82a26964cfd156e9801b3671")],
        },
        ["19-value-part-1"] = new()
        {
            Kind = MessageKind.ValuePart,
            Tid = 1972506443,
            UserAgent = null,
            Parts = [new(0, 1280, 758, "f6fd040b121920272e353c43")],
        },
        ["20-put-reply-fragmented"] = new() { Kind = MessageKind.Reply, Tid = 1972506443, Sender = A, Vid = 0xd156e9801b3671df, Sa = Loopback },
        ["21-get-reply-fragmented-header"] = new()
        {
            Kind = MessageKind.Reply,
            Tid = 194853323,
            Sender = B,
            Sa = Loopback,
            N4 = [NodeA],
            TokenLength = 32,
            PendingSizes = [2038],
        },
        ["22-get-reply-value-part-0"] = new()
        {
            Kind = MessageKind.ValuePart,
            Tid = 194853323,
            UserAgent = null,
            Parts = [new(0, 0, 1280, "82a26964cfd156e9801b3671")],
        },
        ["23-find-reply-two-nodes"] = new()
        {
            Kind = MessageKind.Reply,
            Tid = 1223169341,
            Sender = A,
            Sa = Loopback,
            N4 = [NodeB, NodeR],
            TokenLength = 32,
        },
        ["24-get-query-select-id-seq"] = new()
        {
            Kind = MessageKind.Query,
            Verb = QueryVerb.Get,
            Tid = 1223169345,
            Sender = R,
            Key = Raw,
            Select = [ValueField.Id, ValueField.SeqNum],
        },
        ["25-get-reply-fields-id-seq"] = new()
        {
            Kind = MessageKind.Reply,
            Tid = 1223169345,
            Sender = A,
            Sa = Loopback,
            N4 = [NodeR, NodeB],
            TokenLength = 32,
            FieldIds = [ValueField.Id, ValueField.SeqNum],
            FieldValues = [0x1122334455667788, 0, 153, 0],
        },
        ["26-update-query-on-listen-registration"] = new()
        {
            Kind = MessageKind.Query,
            Verb = QueryVerb.Update,
            Tid = 365996585,
            Sender = A,
            Version = 1,
            Key = Raw,
            Sid = 4242,
            Values = [new(0x1122334455667788, 0, "raw-put-data", "text/plain"), new(153, 0, "created-in-past")],
            TokenLength = 32,
        },
        ["27-refresh-query"] = new()
        {
            Kind = MessageKind.Query,
            Verb = QueryVerb.Refresh,
            Tid = 1223169348,
            Sender = R,
            Key = Raw,
            Vid = 0x1122334455667788,
            TokenLength = 32,
        },
        ["28-update-query-refreshed"] = new()
        {
            Kind = MessageKind.Query,
            Verb = QueryVerb.Update,
            Tid = 365996587,
            Sender = A,
            Sid = 4242,
            TokenLength = 32,
            Refreshed = [0x1122334455667788],
        },
        ["29-refresh-reply"] = new() { Kind = MessageKind.Reply, Tid = 1223169348, Sender = A, Vid = 0x1122334455667788, Sa = Loopback },
        ["30-error-401-put"] = new() { Kind = MessageKind.Error, Tid = 1223169350, Sender = A, ErrorCode = 401, ErrorText = "Put with wrong token" },
        ["31-error-203-get-no-hash"] = new()
        {
            Kind = MessageKind.Error,
            Tid = 1223169351,
            Sender = A,
            ErrorCode = 203,
            ErrorText = "Get_values with no info_hash",
        },
        ["32-error-401-listen"] = new() { Kind = MessageKind.Error, Tid = 1223169353, Sender = A, ErrorCode = 401, ErrorText = "Listen with wrong token" },
        ["33-error-203-put-invalid-id"] = new() { Kind = MessageKind.Error, Tid = 1223169354, Sender = A, ErrorCode = 203, ErrorText = "Put with invalid id" },
        ["34-put-query-fragmented-by-raw"] = new()
        {
            Kind = MessageKind.Query,
            Verb = QueryVerb.Put,
            Tid = 1223169355,
            Sender = R,
            Key = Raw,
            PendingSizes = [2082],
            TokenLength = 32,
        },
        ["35-value-part-by-raw"] = new()
        {
            // The raw client added `v`, which 2.4.12 itself never sends in parts.
            Kind = MessageKind.ValuePart,
            Tid = 1223169355,
            Parts = [new(0, 0, 1280, "82a26964ce00abcdefa36461")],
        },
        ["36-ping-query-netid42"] = new() { Kind = MessageKind.Query, Verb = QueryVerb.Ping, Tid = 1348428495, Sender = R2, NetworkId = 42 },
        ["37-ping-reply-netid42"] = new() { Kind = MessageKind.Reply, Tid = 1348428495, Sender = C, Sa = Loopback, NetworkId = 42 },
        ["38-find-query-ipv6"] = new() { Kind = MessageKind.Query, Verb = QueryVerb.Find, Tid = 765294042, Sender = R6, Target = Raw, Want = Both },
        ["39-find-reply-ipv6-sa16"] = new()
        {
            Kind = MessageKind.Reply,
            Tid = 765294042,
            Sender = A,
            Sa = "::1",
            N4 = [NodeR, NodeB],
            TokenLength = 32,
        },
        ["40-find-reply-n4-n6"] = new()
        {
            Kind = MessageKind.Reply,
            Tid = 649668237,
            Sender = A,
            Sa = Loopback,
            N4 = [NodeD, NodeR, NodeB],
            N6 = [new(R6, "::1", 14296)],
            TokenLength = 32,
        },
        ["41-get-query-probe-select-id-seq"] = new()
        {
            Kind = MessageKind.Query,
            Verb = QueryVerb.Get,
            Tid = 3495391215,
            Sender = D,
            Key = DPublicKeyId,
            Select = [ValueField.Id, ValueField.SeqNum],
        },
        ["42-put-query-certificate-header"] = new()
        {
            Kind = MessageKind.Query,
            Verb = QueryVerb.Put,
            Tid = 649668241,
            Sender = D,
            Key = DPublicKeyId,
            PendingSizes = [2153],
            TokenLength = 32,
        },
        ["43-put-certificate-part-0"] = new()
        {
            Kind = MessageKind.ValuePart,
            Tid = 649668241,
            UserAgent = null,
            Parts = [new(0, 0, 1280, "82a2696401a364617481a462")],
        },
        ["44-put-certificate-part-1"] = new()
        {
            Kind = MessageKind.ValuePart,
            Tid = 649668241,
            UserAgent = null,
            Parts = [new(0, 1280, 873, "3650745530376d632f743577")],
        },
        ["45-put-reply-certificate"] = new() { Kind = MessageKind.Reply, Tid = 3495391217, Sender = B, Vid = 1, Sa = Loopback },
        ["46-put-query-signed-header"] = new()
        {
            Kind = MessageKind.Query,
            Verb = QueryVerb.Put,
            Tid = 649668245,
            Sender = D,
            Key = SignedKey,
            PendingSizes = [1149],
            TokenLength = 32,
        },
        ["47-put-signed-part-0"] = new()
        {
            Kind = MessageKind.ValuePart,
            Tid = 649668245,
            UserAgent = null,
            Parts = [new(0, 0, 1149, "82a26964cfcb2231f70a5cd5")],
        },
        ["48-get-reply-fields-signed"] = new()
        {
            Kind = MessageKind.Reply,
            Tid = 649668255,
            Sender = A,
            Sa = Loopback,
            N4 = [NodeD, NodeB],
            TokenLength = 32,
            FieldIds = [ValueField.Id, ValueField.SeqNum],
            FieldValues = [0xcb2231f70a5cd54e, 0, 0x32a2eaa83970c7e8, 0],
        },
        ["49-get-reply-signed-header"] = new()
        {
            Kind = MessageKind.Reply,
            Tid = 649668259,
            Sender = A,
            Sa = Loopback,
            N4 = [NodeD, NodeB],
            TokenLength = 32,
            PendingSizes = [1149],
        },

        // Peer discovery is not a DHT message: the str "q", then a map whose only key is the service name.
        ["50-peerdiscovery-query"] = new() { Status = DecodeStatus.NotAMap, UserAgent = null },
        ["51-peerdiscovery-announce"] = new() { Status = DecodeStatus.Unclassified, UserAgent = null },
        ["52-error-404-refresh"] = new()
        {
            Kind = MessageKind.Error,
            Tid = 113053933,
            Sender = APrime,
            ErrorCode = 404,
            ErrorText = "Access operation for unknown storage",
        },
        ["53-listen-query-legacy-v0"] = new()
        {
            Kind = MessageKind.Query,
            Verb = QueryVerb.Listen,
            Tid = 113053934,
            Sender = RPrime,
            Key = LegacyKey,
            TokenLength = 32,
            Sid = 777,
        },
        ["54-legacy-listen-notification-values"] = new()
        {
            // A reply whose t is the listener's sid.
            Kind = MessageKind.Reply,
            Tid = 777,
            Sender = APrime,
            Sa = Loopback,
            TokenLength = 32,
            Values = [new(85, 0, "legacy-notify")],
        },
        ["55-legacy-listen-notification-refreshed"] = new()
        {
            Kind = MessageKind.LegacyUpdate,
            Tid = 777,
            Sender = APrime,
            TokenLength = 32,
            Refreshed = [85],
        },
        ["56-find-query-want6-only"] = new()
        {
            Kind = MessageKind.Query,
            Verb = QueryVerb.Find,
            Tid = 113053938,
            Sender = RPrime,
            Target = "b69466bd64608da5d5e68831e2035507031f1d29",
            Want = WantFamilies.Present | WantFamilies.IPv6,
        },
        ["57-ping-query-client-flag"] = new() { Kind = MessageKind.Query, Verb = QueryVerb.Ping, Tid = 349855612, Sender = RC2, IsClient = true },
    };
}
