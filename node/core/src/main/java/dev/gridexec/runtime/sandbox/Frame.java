package dev.gridexec.runtime.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import dev.gridexec.wire.KernelAnswer;
import java.nio.charset.StandardCharsets;

/**
 * What a node and its child process say to each other over the child's stdin and stdout: one length-prefixed frame
 * per message (an int length, then a tag byte and the fields), written with {@link DataOutputStream}. The node
 * sends {@link Open}, {@link Run}, {@link Cancel} and {@link Close}; the child answers {@link Ready} once,
 * {@link Opened} per open and {@link Outcome} per run. Apart from jobs, the node sends a kernel call ({@link Call}: a
 * params check, a split or a reduce) and the child answers it with {@link Answered}. Anything else, or a frame longer than {@link #MAX_LENGTH},
 * is a broken child: the node destroys it.
 */
sealed interface Frame {

    /** The longest frame either side accepts (a chunk's encoded input or output must fit). */
    int MAX_LENGTH = 256 * 1024 * 1024;

    /** The child is up; {@code pid} is its process id. */
    record Ready(long pid) implements Frame {
    }

    /** Open a job: {@code task} as {@code TaskCodec} encodes it, {@code jar} the artifact's file ("" for none). */
    record Open(int job, byte[] task, String jar) implements Frame {
    }

    /** The job is open, or {@code error} says why not ("" when it opened). */
    record Opened(int job, String error) implements Frame {
    }

    /** Run chunk {@code index} of {@code job}; {@code call} names this attempt in the answer. */
    record Run(int job, int call, int index, byte[] input) implements Frame {
    }

    /**
     * How call {@code call} ended: {@code kind} one of {@link #DONE}, {@link #FAILED}, {@link #FATAL},
     * {@link #CANCELLED}; {@code body} the encoded output (done) or the message's UTF-8 (failed).
     */
    record Outcome(int call, byte kind, byte[] body, long computeNanos) implements Frame {
        static final byte DONE = 0;
        static final byte FAILED = 1;
        static final byte FATAL = 2;
        static final byte CANCELLED = 3;
    }

    /** Cancel the job's running chunks (at their next checkpoint). */
    record Cancel(int job) implements Frame {
    }

    /** The job has ended here: close it. */
    record Close(int job) implements Frame {
    }

    /**
     * Run one kernel call that is not a chunk: {@code what} one of {@link #CHECK}, {@link #SPLIT}, {@link #REDUCE};
     * {@code task} as {@code TaskCodec} encodes it, {@code jar} the artifact's file, {@code outputs} a reduce's encoded
     * outputs (empty otherwise).
     */
    record Call(int call, byte what, byte[] task, String jar, byte[][] outputs) implements Frame {
        static final byte CHECK = 0;
        static final byte SPLIT = 1;
        static final byte REDUCE = 2;
    }

    /** What kernel call {@code call} answered. */
    record Answered(int call, KernelAnswer answer) implements Frame {
    }

    /** Writes {@code frame} and flushes; callers serialise writes to one stream. */
    static void write(DataOutputStream out, Frame frame) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DataOutputStream body = new DataOutputStream(buffer);
        if (frame instanceof Ready r) {
            body.writeByte(1);
            body.writeLong(r.pid());
        } else if (frame instanceof Open o) {
            body.writeByte(2);
            body.writeInt(o.job());
            bytes(body, o.task());
            body.writeUTF(o.jar());
        } else if (frame instanceof Opened o) {
            body.writeByte(3);
            body.writeInt(o.job());
            bytes(body, o.error().getBytes(StandardCharsets.UTF_8));
        } else if (frame instanceof Run r) {
            body.writeByte(4);
            body.writeInt(r.job());
            body.writeInt(r.call());
            body.writeInt(r.index());
            bytes(body, r.input());
        } else if (frame instanceof Outcome o) {
            body.writeByte(5);
            body.writeInt(o.call());
            body.writeByte(o.kind());
            bytes(body, o.body());
            body.writeLong(o.computeNanos());
        } else if (frame instanceof Cancel c) {
            body.writeByte(6);
            body.writeInt(c.job());
        } else if (frame instanceof Close c) {
            body.writeByte(7);
            body.writeInt(c.job());
        } else if (frame instanceof Call c) {
            body.writeByte(8);
            body.writeInt(c.call());
            body.writeByte(c.what());
            bytes(body, c.task());
            body.writeUTF(c.jar());
            arrays(body, c.outputs());
        } else if (frame instanceof Answered a) {
            KernelAnswer answer = a.answer();
            body.writeByte(9);
            body.writeInt(a.call());
            body.writeByte(answer.kind());
            text(body, answer.kernel());
            texts(body, answer.paths());
            texts(body, answer.messages());
            arrays(body, answer.inputs());
            text(body, answer.result());
        }
        body.flush();
        out.writeInt(buffer.size());
        buffer.writeTo(out);
        out.flush();
    }

    /** The next frame; {@link EOFException} at the end of the stream, {@link IOException} for anything malformed. */
    static Frame read(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 1 || length > MAX_LENGTH) {
            throw new IOException("bad frame length " + length);
        }
        byte[] frame = new byte[length];
        in.readFully(frame);
        DataInputStream body = new DataInputStream(new java.io.ByteArrayInputStream(frame));
        int tag = body.readUnsignedByte();
        return switch (tag) {
            case 1 -> new Ready(body.readLong());
            case 2 -> new Open(body.readInt(), bytes(body), body.readUTF());
            case 3 -> new Opened(body.readInt(), new String(bytes(body), StandardCharsets.UTF_8));
            case 4 -> new Run(body.readInt(), body.readInt(), body.readInt(), bytes(body));
            case 5 -> new Outcome(body.readInt(), body.readByte(), bytes(body), body.readLong());
            case 6 -> new Cancel(body.readInt());
            case 7 -> new Close(body.readInt());
            case 8 -> new Call(body.readInt(), body.readByte(), bytes(body), body.readUTF(), arrays(body));
            case 9 -> new Answered(body.readInt(), new KernelAnswer(body.readByte(), text(body), texts(body), texts(body),
                    arrays(body), text(body)));
            default -> throw new IOException("unknown frame tag " + tag);
        };
    }

    private static void bytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_LENGTH) {
            throw new IOException("bad field length " + length);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    /** An array of byte arrays: its length (-1 for null), then each. */
    private static void arrays(DataOutputStream out, byte[][] arrays) throws IOException {
        out.writeInt(arrays == null ? -1 : arrays.length);
        if (arrays != null) {
            for (byte[] array : arrays) {
                bytes(out, array);
            }
        }
    }

    private static byte[][] arrays(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < -1 || length > MAX_LENGTH / 4) {
            throw new IOException("bad array count " + length);
        }
        if (length == -1) {
            return null;
        }
        byte[][] arrays = new byte[length][];
        for (int i = 0; i < length; i++) {
            arrays[i] = bytes(in);
        }
        return arrays;
    }

    /** A string of any length as UTF-8, or null. */
    private static void text(DataOutputStream out, String text) throws IOException {
        out.writeBoolean(text != null);
        if (text != null) {
            bytes(out, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String text(DataInputStream in) throws IOException {
        return in.readBoolean() ? new String(bytes(in), StandardCharsets.UTF_8) : null;
    }

    private static void texts(DataOutputStream out, String[] texts) throws IOException {
        out.writeInt(texts == null ? -1 : texts.length);
        if (texts != null) {
            for (String text : texts) {
                text(out, text);
            }
        }
    }

    private static String[] texts(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < -1 || length > MAX_LENGTH / 4) {
            throw new IOException("bad text count " + length);
        }
        if (length == -1) {
            return null;
        }
        String[] texts = new String[length];
        for (int i = 0; i < length; i++) {
            texts[i] = text(in);
        }
        return texts;
    }
}
