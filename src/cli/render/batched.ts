// Output lines buffered and written once per event-loop turn: one write per line would cap throughput.

export function batched(stream: NodeJS.WriteStream) {
  let pending = "";
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const text = pending;
    pending = "";
    if (text) stream.write(text);
  };
  return {
    write(text: string) {
      pending += text;
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}

