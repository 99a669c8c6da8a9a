package io.kafkaaas.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a ZooKeeper server that can lose the answer to one multi: the request reaches the server
 * and is applied, then the connection drops before the answer reaches the client. That is a connection loss in
 * the middle of a multi, as a client sees it, made deterministic: the client reconnects through the proxy to the
 * same session and retries. ZooKeeper frames every packet with its length; after the connect handshake a request
 * starts with its xid and its op code, an answer with the xid it answers.
 */
public final class ZooKeeperAnswerDropper implements AutoCloseable {
    private static final int OP_MULTI = 14;

    private final int serverPort;
    private final ServerSocket listener;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicInteger answersLost = new AtomicInteger();
    private final List<Socket> sockets = new ArrayList<>();
    private volatile boolean closed;

    public ZooKeeperAnswerDropper(int serverPort) throws IOException {
        this.serverPort = serverPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "zk-answer-dropper");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String connectString() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    /** The answer to the next multi any client sends is lost, and that client's connection with it. */
    public void loseTheAnswerToTheNextMulti() {
        armed.set(true);
    }

    public int answersLost() {
        return answersLost.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(server);
                }
                AtomicInteger doomedXid = new AtomicInteger(Integer.MIN_VALUE);
                start(() -> requests(client, server, doomedXid));
                start(() -> answers(server, client, doomedXid));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void requests(Socket client, Socket server, AtomicInteger doomedXid) {
        try (DataInputStream in = new DataInputStream(client.getInputStream())) {
            DataOutputStream out = new DataOutputStream(server.getOutputStream());
            forward(in, out); // the connect request
            while (true) {
                byte[] packet = forwardable(in);
                ByteBuffer header = ByteBuffer.wrap(packet);
                int xid = header.getInt();
                int op = header.getInt();
                if (op == OP_MULTI && armed.compareAndSet(true, false)) {
                    doomedXid.set(xid);
                }
                write(out, packet);
            }
        } catch (IOException e) {
            closeQuietly(client, server);
        }
    }

    private void answers(Socket server, Socket client, AtomicInteger doomedXid) {
        try (DataInputStream in = new DataInputStream(server.getInputStream())) {
            DataOutputStream out = new DataOutputStream(client.getOutputStream());
            forward(in, out); // the connect answer
            while (true) {
                byte[] packet = forwardable(in);
                if (ByteBuffer.wrap(packet).getInt() == doomedXid.get()) {
                    answersLost.incrementAndGet();
                    closeQuietly(client, server);
                    return;
                }
                write(out, packet);
            }
        } catch (IOException e) {
            closeQuietly(client, server);
        }
    }

    private static void forward(DataInputStream in, DataOutputStream out) throws IOException {
        write(out, forwardable(in));
    }

    private static byte[] forwardable(DataInputStream in) throws IOException {
        int length = in.readInt();
        byte[] packet = new byte[length];
        in.readFully(packet);
        return packet;
    }

    private static void write(DataOutputStream out, byte[] packet) throws IOException {
        out.writeInt(packet.length);
        out.write(packet);
        out.flush();
    }

    private static void start(Runnable pump) {
        Thread thread = new Thread(pump, "zk-answer-dropper-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket... toClose) {
        for (Socket socket : toClose) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        synchronized (sockets) {
            sockets.forEach(ZooKeeperAnswerDropper::closeQuietly);
        }
    }
}
